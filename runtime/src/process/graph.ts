import { nodeTypes } from '@tessera/core';
import type { ProcessDefinition, ProcessNode } from '@tessera/metadata';

/** A process definition's graph, indexed once per definition: nodes by id, edges by source, and reachability. */
export interface Graph {
  readonly start: ProcessNode;
  node(id: string): ProcessNode;
  /** The nodes the edges leaving a node for an outcome (null: the unnamed edges) lead to. */
  next(from: string, outcome: string | null): ProcessNode[];
  /** Whether a path leads from one node to another. */
  reaches(from: string, to: string): boolean;
}

const IMPLICIT_START: ProcessNode = { id: 'start', type: 'start' };
const cache = new WeakMap<ProcessDefinition, Graph>();

/** The graph of a definition (validated at load: edges name existing nodes and real outcomes). */
export function graphOf(process: ProcessDefinition): Graph {
  let graph = cache.get(process);
  if (!graph) cache.set(process, (graph = build(process)));
  return graph;
}

function build(process: ProcessDefinition): Graph {
  const declared = process.nodes.find((n) => nodeTypes.get(n.type).entry === true);
  const nodes = new Map<string, ProcessNode>((declared ? process.nodes : [IMPLICIT_START, ...process.nodes]).map((n) => [n.id, n]));
  const out = new Map<string, string[]>();
  for (const e of process.edges) out.set(e.from, [...(out.get(e.from) ?? []), e.to]);
  const reach = new Map<string, Set<string>>();
  const reachable = (from: string): Set<string> => {
    let seen = reach.get(from);
    if (seen) return seen;
    seen = new Set();
    const stack = [...(out.get(from) ?? [])];
    while (stack.length) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      stack.push(...(out.get(id) ?? []));
    }
    reach.set(from, seen);
    return seen;
  };
  const node = (id: string) => {
    const n = nodes.get(id);
    if (!n) throw new Error(`process "${process.name}" has no node "${id}"`);
    return n;
  };
  return {
    start: declared ?? IMPLICIT_START,
    node,
    next: (from, outcome) => process.edges.filter((e) => e.from === from && (e.on ?? null) === outcome).map((e) => node(e.to)),
    reaches: (from, to) => reachable(from).has(to),
  };
}
