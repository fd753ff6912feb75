import type { AppModel } from '@tessera/core';
import type { Express } from 'express';
import request from 'supertest';
import { createSchema, sampleValue, targetOf } from './sample-values';

type Body = Record<string, unknown>;

/** A response, as an error message names it. */
const shown = (res: request.Response): string => `${res.status} ${JSON.stringify(res.body)}`;

/**
 * Creates records of any entity through the REST API as one user, building each body from the entity's create form:
 * a valid value per required field, references pointing at records created first (one per target entity, kept for
 * the others). A record a validation rule refuses is sent again with the fields the rule names filled in.
 */
export class SampleRecords {
  private n = 0;
  private readonly targets = new Map<string, string>();
  private readonly building = new Set<string>();

  constructor(private readonly app: AppModel, private readonly server: Express, private readonly token: string, private readonly userId: string) {}

  /** An authenticated request. */
  call(method: 'get' | 'post' | 'patch' | 'delete', url: string): request.Test {
    return request(this.server)[method](url).set({ Authorization: `Bearer ${this.token}` });
  }

  /** Creates a record of the entity and answers the body sent and the record answered. */
  async create(entity: string): Promise<{ sent: Body; record: Body }> {
    const { properties, required } = createSchema(this.app, entity);
    const model = this.app.entities[entity]!;
    const sent: Body = {};
    for (const name of required) sent[name] = await this.valueOf(entity, name, properties[name]!);
    for (let attempt = 0; attempt < 5; attempt++) {
      const res = await this.call('post', `/api/records/${entity}`).send(sent);
      if (res.status === 201) return { sent, record: res.body as Body };
      const paths = res.status === 422 ? ((res.body.errors ?? []) as Array<{ path: string }>).map((e) => e.path.slice(1)) : [];
      const fillable = paths.filter((p) => Object.hasOwn(properties, p) && properties[p]!.readOnly !== true && Object.hasOwn(model.fields, p));
      if (!fillable.length) throw new Error(`POST /api/records/${entity} ${JSON.stringify(sent)} answered ${shown(res)}`);
      for (const name of fillable) sent[name] = await this.valueOf(entity, name, properties[name]!, sent[name]);
    }
    throw new Error(`POST /api/records/${entity}: validation rules still refuse ${JSON.stringify(sent)}`);
  }

  /** The id of a record of the entity to point references at, created on first need. */
  async targetId(entity: string): Promise<string> {
    if (entity === 'user') return this.userId;
    const known = this.targets.get(entity);
    if (known) return known;
    if (this.building.has(entity)) throw new Error(`required references form a cycle through ${[...this.building, entity].join(' -> ')}`);
    this.building.add(entity);
    try {
      const { record } = await this.create(entity);
      this.targets.set(entity, record.id as string);
      return record.id as string;
    } finally {
      this.building.delete(entity);
    }
  }

  private async valueOf(entity: string, name: string, schema: Record<string, unknown>, before?: unknown): Promise<unknown> {
    const field = this.app.entities[entity]!.fields[name]!;
    const target = targetOf(field);
    if (target) return this.targetId(target);
    for (let i = 0; i < 10; i++) {
      const value = sampleValue(schema, field, ++this.n);
      if (value !== before) return value;
    }
    return sampleValue(schema, field, ++this.n);
  }
}
