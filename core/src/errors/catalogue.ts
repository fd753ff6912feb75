import type { IssueDefinition } from './define';
import { conditionIssues } from './codes/conditions';
import { formulaIssues } from './codes/formulas';
import { layerIssues } from './codes/layers';
import { processIssues } from './codes/process';
import { queryIssues } from './codes/query';
import { referenceIssues } from './codes/references';
import { schemaIssues } from './codes/schema';

/** Every issue code Tessera reports, with its message in English and Simplified Chinese. */
export const issueCatalogue = {
  ...schemaIssues,
  ...layerIssues,
  ...referenceIssues,
  ...conditionIssues,
  ...formulaIssues,
  ...processIssues,
  ...queryIssues,
} satisfies Record<string, IssueDefinition>;

/** A code from the issue catalogue. */
export type IssueCode = keyof typeof issueCatalogue;
