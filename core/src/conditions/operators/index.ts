import { Registry } from '../../registry';
import type { OperatorName } from '../ast';
import type { Operator } from '../operator';
import { contains } from './contains';
import { eq } from './eq';
import { exists } from './exists';
import { gt } from './gt';
import { gte } from './gte';
import { inList } from './in';
import { lt } from './lt';
import { lte } from './lte';
import { ne } from './ne';
import { nin } from './nin';
import { startsWith } from './starts-with';

/** Every operator, by name; a name of OPERATOR_NAMES missing here fails to compile. */
export const builtinOperators = {
  $eq: eq,
  $ne: ne,
  $gt: gt,
  $gte: gte,
  $lt: lt,
  $lte: lte,
  $in: inList,
  $nin: nin,
  $contains: contains,
  $startsWith: startsWith,
  $exists: exists,
} satisfies Record<OperatorName, Operator>;

/** The operator registry both backends dispatch through. */
export const operators = new Registry<OperatorName, Operator>('condition operator', Object.entries(builtinOperators) as [OperatorName, Operator][]);
