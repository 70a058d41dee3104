import { jsPDF } from 'jspdf';
const doc = new jsPDF({ unit: 'pt', format: 'a4' });
const bidi = new (jsPDF as any).__bidiEngine__({});
const show = (s: string) => [...s].map((c) => c.codePointAt(0)!.toString(16)).join(' ');
for (const opts of [{ isInputVisual: true }, { isInputVisual: false, isOutputVisual: true }, { isInputVisual: false, isOutputVisual: true, isInputRtl: false }, { isInputVisual: false, isOutputVisual: true, isInputRtl: true }]) {
  bidi.setOptions(opts);
  console.log(JSON.stringify(opts), bidi.doBidiReorder('ביטקוין'), '|', bidi.doBidiReorder('Fund ביטקוין 60/40'), '|', bidi.doBidiReorder('ביטקוין 60/40 fund'));
}
