import type { DocumentKind } from '../../../../shared/documents.schema';
import { doc, h1, p, type PmNode } from '../content/prose';
import { referenceProgramme } from './reference-programme';
import { toolSheet } from './tool-sheet';
import { benchmarkGrid } from './benchmark-grid';
import { annualSelfEvaluation, quadrennialEvaluation } from './evaluations';
import { partnershipAgreement } from './partnership-agreement';

/** The initial text of a new document of each kind (ProseMirror JSON of the editor schema). */
export const TEMPLATES: Record<DocumentKind, (title: string) => PmNode> = {
  reference_programme: referenceProgramme,
  tool_sheet: toolSheet,
  benchmark_grid: benchmarkGrid,
  annual_self_evaluation: annualSelfEvaluation,
  quadrennial_evaluation: quadrennialEvaluation,
  partnership_agreement: partnershipAgreement,
  blank: (title) => doc(h1(title), p()),
};
