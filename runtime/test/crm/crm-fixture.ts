import type { AppModel } from '@tessera/core';
import request from 'supertest';
import type { ProcessFixture } from '../process/support';
import { loadCrmApp, pluginDirs } from './crm-app';

/** A record as the API answers it. */
export type Row = Record<string, unknown> & { id: string };

/** The CRM app: every plugin in the repository's plugins/, loaded through the file-system reader. */
export async function crmAppModel(): Promise<AppModel> {
  const loaded = await loadCrmApp(pluginDirs());
  if (!loaded.ok) throw new Error('the CRM plugins do not load (see plugins.test.ts)');
  return loaded.app;
}

/** Record calls through the HTTP API as a fixture's users (the fixture is opened later: hence the getter). */
export function recordCalls(fixture: () => ProcessFixture) {
  const api = () => request(fixture().server);
  return {
    api,
    /** Creates a record as `who`; anything but 201 fails the test with the answer. */
    created: async (who: string, entity: string, body: object): Promise<Row> => {
      const res = await api().post(`/api/records/${entity}`).set(fixture().as(who)).send(body);
      if (res.status !== 201) throw new Error(`${who} POST ${entity}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as Row;
    },
    /** Reads a record as `who` (200 expected). */
    read: async (who: string, entity: string, id: string): Promise<Row> => (await api().get(`/api/records/${entity}/${id}`).set(fixture().as(who)).expect(200)).body,
  };
}
