// Display names and English names of administrative units.
import { pinyin } from 'pinyin-pro';

/**
 * Registered village names carry the committee that governs them ("城关村村民委员会",
 * "滨河社区居民委员会"); maps show the place. The package also has irregular variants
 * ("高庄村村民委会", "岚峪村村民委员", "崇串村村委员会"), so the longer forms must be tried first.
 */
const COMMITTEE_SUFFIXES = ['村民委员会', '居民委员会', '村委员会', '村民委员', '村民委会', '村委会', '居委会', '委员会'];

export function villageDisplayName(registeredName: string): string {
  const suffix = COMMITTEE_SUFFIXES.find((s) => registeredName.endsWith(s) && registeredName.length > s.length);
  return suffix ? registeredName.slice(0, -suffix.length) : registeredName;
}

/** Longer suffixes first: "城区" must win over "区". */
const ENGLISH_SUFFIXES: [string, string][] = [
  ['自治州', 'Prefecture'],
  ['城区', 'Urban District'],
  ['街道', 'Subdistrict'],
  ['社区', 'Community'],
  ['镇', 'Town'],
  ['乡', 'Township'],
  ['村', 'Village'],
  ['县', 'County'],
  ['区', 'District'],
  ['市', 'City'],
];

/** Hanyu pinyin as one capitalised word, with the apostrophe of official spelling before a, o, e ("Xi'an"). */
function pinyinWord(chinese: string): string {
  const syllables = pinyin(chinese, { toneType: 'none', type: 'array' });
  const word = syllables.map((s, i) => (i > 0 && /^[aoe]/.test(s) ? `'${s}` : s)).join('');
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** The peoples named in autonomous prefectures' names ("湘西土家族苗族自治州"), left out of the English name as in official use. */
const PEOPLES = /(土家|苗|藏|彝|回|壮|蒙古|朝鲜|哈尼|傣|白|景颇|傈僳|布依|侗|哈萨克|柯尔克孜|羌|黎)族/g;

/** "箕城镇" → "Jicheng Town", "城关村" → "Chengguan Village", "城区" → "Urban District", "湘西土家族苗族自治州" → "Xiangxi Prefecture". */
export function englishName(displayName: string): string {
  const match = ENGLISH_SUFFIXES.find(([suffix]) => displayName.endsWith(suffix));
  if (!match) return pinyinWord(displayName);
  const [suffix, english] = match;
  const named = displayName.slice(0, -suffix.length);
  const stem = suffix === '自治州' ? named.replace(PEOPLES, '') : named;
  return stem ? `${pinyinWord(stem)} ${english}` : english;
}

/** The place part of a village name, for composing site names: "城关村" → "城关", "滨河社区" → "滨河". */
export function placeStem(displayName: string): string {
  const match = ENGLISH_SUFFIXES.find(([suffix]) => displayName.endsWith(suffix) && displayName.length > suffix.length);
  return match ? displayName.slice(0, -match[0].length) : displayName;
}
