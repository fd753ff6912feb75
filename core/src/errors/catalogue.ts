import type { IssueDefinition } from './define';
import { conditionIssues } from './codes/conditions';
import { duplicateIssues } from './codes/duplicates';
import { formulaIssues } from './codes/formulas';
import { importIssues } from './codes/import';
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
  ...duplicateIssues,
  ...importIssues,
} satisfies Record<string, IssueDefinition>;

/** A code from the issue catalogue. */
export type IssueCode = keyof typeof issueCatalogue;
