// The setup API of a production portal before its first-run setup (server/routes/setup.ts).
import type { SetupBody } from '../../../common/schemas';
import { requestJson, withQuery } from './client';

export interface CountyChoice {
  code: string;
  name: string;
  fullName: string;
}

export interface SetupDone {
  county: { code: string; name: string; nameEn: string };
  townships: number;
  villages: number;
}

export const setupApi = {
  counties: (q: string) => requestJson<CountyChoice[]>('GET', withQuery('/api/setup/counties', { q })),
  run: (body: SetupBody) => requestJson<SetupDone>('POST', '/api/setup', body),
};
