import type { EntityModel, InstanceStatus, TaskStatus } from '@tessera/core';
import type { ProcessDefinition, ProcessNode } from '@tessera/metadata';
import type { Knex } from 'knex';
import type { Row } from '../db/statement';
import type { ProcessEngine } from './engine';

/** An instance as the engine holds it while it works on it (its row is locked by the transaction). */
export interface Instance {
  readonly id: string;
  readonly process: string;
  readonly version: number;
  readonly entity: string;
  readonly recordId: string;
  status: InstanceStatus;
  /** The last approval step's outcome: what an instance that ends without an explicit status finished as. */
  outcome: string | null;
  readonly submittedBy: string | null;
  readonly parentId: string | null;
  readonly parentToken: string | null;
  readonly locks: boolean;
}

/** An approval task as stored. */
export interface Task {
  readonly id: string;
  readonly instanceId: string;
  readonly tokenId: string;
  readonly node: string;
  readonly position: number;
  readonly assignee: string;
  readonly originalAssignee: string | null;
  readonly delegatedUntil: string | null;
  readonly status: TaskStatus;
  readonly comment: string | null;
  readonly decidedBy: string | null;
  readonly decidedAt: string | null;
  readonly dueAt: string | null;
  readonly revision: number;
}

/**
 * One transaction's work on one instance: the engine, the instance (locked), the version's definition, the record as
 * it is now, and who acts (a user, or null for the engine's own timers). Node and action executors receive it.
 */
export interface ProcessTx {
  readonly trx: Knex.Transaction;
  readonly engine: ProcessEngine;
  readonly instance: Instance;
  readonly process: ProcessDefinition;
  readonly entity: EntityModel;
  /** The record as it stands, once read (currentRecord reads it when first needed; update actions replace it). */
  record?: Row;
  readonly actor: string | null;
  readonly now: Date;
  /** The status an end node gave the instance, if one did. */
  endStatus?: InstanceStatus;
}

/** A token arriving at a node: its id (kept if it waits there) and the node it came from. */
export interface Arrival {
  readonly tokenId: string;
  readonly node: ProcessNode;
  readonly from: string | null;
}

/** Where a token goes after a node: along the edges of an outcome (null: the unnamed ones), or it waits, or its branch ends. */
export type NodeResult =
  | { readonly next: string | null }
  | { readonly wait: true; readonly dueAt?: Date }
  | { readonly end: true };
