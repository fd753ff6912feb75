import { defineIssues, list } from '../define';

/** Issues of a process graph and of its nodes' configuration. */
export const processIssues = defineIssues({
  'process.duplicateNode': {
    message: { en: (p) => `two nodes have the id "${p.id}"`, 'zh-CN': (p) => `有两个节点的 id 都是 "${p.id}"` },
  },
  'process.edge': {
    message: { en: (p) => `the edge ${p.end}s at "${p.node}", which is not a node`, 'zh-CN': (p) => `连线的${p.end === 'start' ? '起点' : '终点'} "${p.node}" 不是节点` },
    expected: { en: (p) => `one of ${list(p.known)}`, 'zh-CN': (p) => `以下之一：${list(p.known)}` },
  },
  'process.outcome': {
    message: { en: (p) => `node "${p.node}" (${p.type}) has no outcome "${p.on}"`, 'zh-CN': (p) => `节点 "${p.node}"（${p.type}）没有结果 "${p.on}"` },
    expected: { en: (p) => (list(p.outcomes) ? `one of ${list(p.outcomes)}` : 'no "on" (this node has one way out)'), 'zh-CN': (p) => (list(p.outcomes) ? `以下之一：${list(p.outcomes)}` : '不写 "on"（此节点只有一个出口）') },
  },
  'process.missingOutcome': {
    message: { en: (p) => `outcome "${p.on}" of node "${p.node}" has no edge`, 'zh-CN': (p) => `节点 "${p.node}" 的结果 "${p.on}" 没有连线` },
    expected: { en: (p) => `an edge {"from": "${p.node}", "on": "${p.on}", "to": ...}`, 'zh-CN': (p) => `连线 {"from": "${p.node}", "on": "${p.on}", "to": ...}` },
  },
  'process.extraEdge': {
    message: { en: (p) => `node "${p.node}" (${p.type}) has ${p.count} edges for "${p.on || 'next'}"; it takes ${p.max}`, 'zh-CN': (p) => `节点 "${p.node}"（${p.type}）的 "${p.on || 'next'}" 有 ${p.count} 条连线，最多 ${p.max} 条` },
  },
  'process.unreachable': {
    message: { en: (p) => `node "${p.node}" cannot be reached from the start`, 'zh-CN': (p) => `从开始无法到达节点 "${p.node}"` },
  },
  'process.noEnd': {
    message: { en: (p) => `from node "${p.node}" no end can be reached: the instance would never finish`, 'zh-CN': (p) => `从节点 "${p.node}" 无法到达结束，流程实例将永远不会完成` },
  },
  'process.config': {
    message: { en: (p) => `node "${p.node}": ${p.reason}`, 'zh-CN': (p) => `节点 "${p.node}"：${p.reasonZh ?? p.reason}` },
  },
});
