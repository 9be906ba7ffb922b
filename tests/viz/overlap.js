// Every text box in an SVG still, measured by the browser, against every other text and every mark.
// Returns the problems (empty when nothing overlaps), and marks overlapping marks apart. Boxes are in screen pixels
// (getBBox mapped through getScreenCTM, so transforms count); a tolerance of 0.5 px absorbs rounding.
(() => {
  const root = document.documentElement;
  const box = (el) => {
    const b = el.getBBox(), m = el.getScreenCTM();
    const pts = [[b.x, b.y], [b.x + b.width, b.y], [b.x, b.y + b.height], [b.x + b.width, b.y + b.height]]
      .map(([x, y]) => [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f]);
    const xs = pts.map(p => p[0]), ys = pts.map(p => p[1]);
    return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
  };
  const hit = (a, b) => a.x0 < b.x1 - 0.5 && b.x0 < a.x1 - 0.5 && a.y0 < b.y1 - 0.5 && b.y0 < a.y1 - 0.5;
  const texts = [...root.querySelectorAll("text")].filter(t => t.textContent.trim())
    .map(t => ({ el: t, text: t.textContent, owner: t.getAttribute("data-for"), box: box(t),
                 size: parseFloat(getComputedStyle(t).fontSize) * (t.getScreenCTM().a) }));
  const marks = [...root.querySelectorAll(".mark")].map(g => ({ id: g.getAttribute("data-id"), box: box(g) }));
  const problems = [];
  for (let i = 0; i < texts.length; i++) {
    for (let j = i + 1; j < texts.length; j++) {
      if (hit(texts[i].box, texts[j].box)) problems.push(`text "${texts[i].text}" overlaps text "${texts[j].text}"`);
    }
    for (const m of marks) {
      if (m.id !== texts[i].owner && hit(texts[i].box, m.box)) problems.push(`text "${texts[i].text}" overlaps mark ${m.id}`);
    }
  }
  const markOverlaps = [];
  for (let i = 0; i < marks.length; i++) {
    for (let j = i + 1; j < marks.length; j++) {
      if (hit(marks[i].box, marks[j].box)) markOverlaps.push(`mark ${marks[i].id} overlaps mark ${marks[j].id}`);
    }
  }
  const smallest = Math.min(...texts.map(t => t.size));
  const width = root.getBoundingClientRect().width;
  return { problems, markOverlaps, texts: texts.length, marks: marks.length, smallest, width };
})()
