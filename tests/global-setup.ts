// Builds the demo dataset and tile archive once, before test files race to build them.
import { ensureArchive, ensureDataset } from '../server/bootstrap';
import { loadConfig } from '../server/config';

export default async function setup() {
  const config = loadConfig({});
  await ensureArchive(config, await ensureDataset(config));
}
