/** The CSV writer's field formatting: the exact fast paths of src/report/fastFormat.ts. */
export { fixedExactDecimal, fixedTrimmedFloat, formatFileField } from '../../report/fastFormat';
