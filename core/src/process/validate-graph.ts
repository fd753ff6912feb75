import type { ProcessDefinition, ProcessNode } from '@tessera/metadata';
import type { LocalIssue } from '../errors/issue';
import { nodeTypes } from './builtins';

/** The node a process starts from when it declares no start node. */
const IMPLICIT_START: ProcessNode = { id: 'start', type: 'start' };

/**
 * Checks a process graph: unique node ids, edges between existing nodes naming real outcomes, every outcome
 * wired, every node reachable from the start, and from every node an end reachable (no trap without exit).
 */
export function validateGraph(process: ProcessDefinition): LocalIssue[] {
  const issues: LocalIssue[] = [];
  const isEntry = (n: ProcessNode) => nodeTypes.get(n.type).entry === true;
  const declared = process.nodes.some(isEntry);
  const nodes = declared ? process.nodes : [IMPLICIT_START, ...process.nodes];
  const indexOf = (id: string) => process.nodes.findIndex((n) => n.id === id);
  const byId = new Map<string, ProcessNode>();
  process.nodes.forEach((node, i) => {
    if (byId.has(node.id)) issues.push({ code: 'process.duplicateNode', path: `/nodes/${i}/id`, params: { id: node.id }, found: node.id });
    else byId.set(node.id, node);
  });
  if (!declared && !byId.has('start')) byId.set('start', IMPLICIT_START);
  const known = [...byId.keys()];

  const out = new Map<string, string[]>(known.map((id) => [id, []]));
  process.edges.forEach((edge, i) => {
    for (const end of ['from', 'to'] as const) {
      if (!byId.has(edge[end])) issues.push({ code: 'process.edge', path: `/edges/${i}/${end}`, params: { end: end === 'from' ? 'start' : 'end', node: edge[end], known }, found: edge[end] });
    }
    const from = byId.get(edge.from);
    if (!from || !byId.has(edge.to)) return;
    const outcomes = nodeTypes.get(from.type).outcomes(from as never);
    const named = outcomes.length > 0;
    if (named ? !edge.on || !outcomes.includes(edge.on) : edge.on !== undefined) {
      issues.push({ code: 'process.outcome', path: named && !edge.on ? `/edges/${i}` : `/edges/${i}/on`, params: { node: from.id, type: from.type, on: edge.on ?? '', outcomes }, found: edge.on });
      return;
    }
    out.get(from.id)!.push(edge.to);
  });

  for (const node of nodes) {
    // A second node with an id already taken is reported as a duplicate above; its edges belong to the first.
    if (byId.get(node.id) !== node) continue;
    const path = indexOf(node.id) >= 0 ? `/nodes/${indexOf(node.id)}` : '';
    const type = nodeTypes.get(node.type);
    const edges = process.edges.filter((e) => e.from === node.id && byId.has(e.to));
    for (const on of type.outcomes(node as never)) {
      const count = edges.filter((e) => e.on === on).length;
      if (count === 0) issues.push({ code: 'process.missingOutcome', path, params: { node: node.id, on } });
      if (count > 1) issues.push({ code: 'process.extraEdge', path, params: { node: node.id, type: node.type, on, count, max: 1 } });
    }
    const next = edges.filter((e) => e.on === undefined).length;
    if (type.outcomes(node as never).length === 0) {
      if (next < type.next.min) issues.push({ code: 'process.missingOutcome', path, params: { node: node.id, on: 'next' } });
      if (next > type.next.max) issues.push({ code: 'process.extraEdge', path, params: { node: node.id, type: node.type, on: '', count: next, max: type.next.max } });
    }
  }
  if (issues.length) return issues;

  const startId = nodes.find(isEntry)!.id;
  const reached = walk([startId], (id) => out.get(id) ?? []);
  const into = new Map<string, string[]>(known.map((id) => [id, []]));
  for (const [from, tos] of out) for (const to of tos) into.get(to)!.push(from);
  const finishing = walk(known.filter((id) => (out.get(id) ?? []).length === 0), (id) => into.get(id) ?? []);
  process.nodes.forEach((node, i) => {
    if (!reached.has(node.id)) issues.push({ code: 'process.unreachable', path: `/nodes/${i}`, params: { node: node.id } });
    else if (!finishing.has(node.id)) issues.push({ code: 'process.noEnd', path: `/nodes/${i}`, params: { node: node.id } });
  });
  return issues;
}

/** Every id reachable from the seeds through the neighbour function. */
function walk(seeds: string[], neighbours: (id: string) => string[]): Set<string> {
  const seen = new Set(seeds);
  const stack = [...seeds];
  while (stack.length) {
    for (const next of neighbours(stack.pop()!)) {
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(next);
    }
  }
  return seen;
}
