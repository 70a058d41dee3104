import { jsPDF } from 'jspdf';
const bidi = new (jsPDF as any).__bidiEngine__({});
for (const opts of [{ isInputVisual: true, isOutputVisual: true }, { isInputVisual: false, isOutputVisual: false }]) {
  bidi.setOptions(opts);
  console.log(JSON.stringify(opts), bidi.doBidiReorder('ביטקוין'), '|', bidi.doBidiReorder('Fund ביטקוין 60/40'), '|', bidi.doBidiReorder('ביטקוין 60/40 fund'), '|', bidi.doBidiReorder('abc (x) 12'));
}
const topics = (new jsPDF() as any).internal.events.getTopics();
console.log(Object.keys(topics), Object.keys(topics.postProcessText).length, Object.values(topics.postProcessText).map((v: any) => v[0].name));
console.log((jsPDF as any).API.events.filter((e: any) => e[0] === 'postProcessText' || e[0]==='preProcessText').map((e: any) => [e[0], e[1].name]));
