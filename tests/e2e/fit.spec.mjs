// Issue 37, point 2: the diagram, the tables, the timeline and the projection chart fit the room
// they are given, on a phone and in the engagement page's column, with no text under 12 px.
import { test, expect } from "@playwright/test";
import { isoDate, openNewEngagement } from "./helpers.mjs";

/** The smallest text in an SVG as drawn on screen, in CSS px. */
function smallestText(svg) {
  return svg.evaluate((s) => {
    const texts = [...s.querySelectorAll("text")];
    if (texts.length === 0) return Infinity;
    return Math.min(...texts.map((t) => {
      const ctm = t.getScreenCTM();
      return parseFloat(getComputedStyle(t).fontSize) * (ctm ? Math.hypot(ctm.a, ctm.b) : 1);
    }));
  });
}

/** Nothing in `locator` is wider than the room it has: no sideways scrolling inside it, and it
 * ends within the window. */
async function expectFits(page, locator, what) {
  const width = page.viewportSize().width;
  const { right, overflow } = await locator.evaluate((e) => {
    const scroller = e.closest(".diagram-scroll, .table-scroll") ?? e;
    return {
      right: e.getBoundingClientRect().right,
      overflow: scroller.scrollWidth - scroller.clientWidth,
    };
  });
  expect(overflow, `${what} scrolls sideways by ${overflow} px`).toBeLessThanOrEqual(1);
  expect(right, `${what} ends at ${right} px`).toBeLessThanOrEqual(width);
}

for (const [width, height] of [[1440, 900], [390, 844]]) {
  test(`at ${width} px the diagram, the components table, the chart and the timeline fit, with text of 12 px or more`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await openNewEngagement(page, `Fit ${width}`);
    await page.getByLabel("Current users").fill("12000");
    await page.getByLabel("Annual growth (%)").fill("20");
    await page.getByLabel("Desired completion date").fill(isoDate(120));

    const result = page.getByRole("region", { name: "Recommended reference architecture" });
    const diagram = result.getByRole("img", { name: "Architecture diagram" });
    await expect(diagram).toBeVisible();
    await expect(diagram).toContainText("Redis");
    await expectFits(page, diagram, "the diagram");
    expect(await smallestText(diagram)).toBeGreaterThanOrEqual(12);
    // Every group is drawn inside the picture (none cut off at its edge).
    const cut = await diagram.evaluate((svg) => {
      const box = svg.getBoundingClientRect();
      return [...svg.querySelectorAll("g.group")]
        .map((g) => [g.querySelector("text")?.textContent, g.getBoundingClientRect()])
        .filter(([, r]) => r.left < box.left - 1 || r.right > box.right + 1)
        .map(([name]) => name);
    });
    expect(cut).toEqual([]);
    // No two groups' arrows run along one line: which box feeds which stays plain.
    const shared = await diagram.evaluate((svg) => {
      const runs = [];
      for (const line of svg.querySelectorAll("polyline")) {
        const pts = line.getAttribute("points").split(" ").map((p) => p.split(",").map(Number));
        for (let i = 1; i < pts.length; i++)
          if (Math.abs(pts[i][0] - pts[i - 1][0]) < 0.5)
            runs.push({ from: line.dataset.from, x: pts[i][0], y1: Math.min(pts[i][1], pts[i - 1][1]), y2: Math.max(pts[i][1], pts[i - 1][1]) });
      }
      const found = [];
      for (const a of runs) for (const b of runs)
        if (a.from < b.from && Math.abs(a.x - b.x) < 2 && a.y1 < b.y2 - 1 && b.y1 < a.y2 - 1) found.push(`${a.from} and ${b.from} at x=${a.x}`);
      return found;
    });
    expect(shared).toEqual([]);

    // Full size gives the wide layout.
    await result.getByRole("button", { name: "Open full size" }).click();
    const wide = await diagram.boundingBox();
    expect(wide.width).toBeGreaterThanOrEqual(1000);
    await page.keyboard.press("Escape");
    await expect(result.getByRole("button", { name: "Open full size" })).toBeVisible();
    await expectFits(page, diagram, "the diagram after full size");

    // The components table: every column in view, cut nowhere.
    const table = result.getByRole("table").first();
    await expect(table).toContainText("Azure");
    await expectFits(page, table, "the components table");
    const offScreen = await table.evaluate((t, w) =>
      [...t.querySelectorAll("th, td")].filter((c) => c.getClientRects().length && c.getBoundingClientRect().right > w + 1).map((c) => c.textContent),
      width);
    expect(offScreen).toEqual([]);

    // The projection chart's text.
    const chart = page.getByRole("img", { name: /Projected users over the planning horizon/ });
    await expect(chart).toBeVisible();
    expect(await smallestText(chart)).toBeGreaterThanOrEqual(12);

    // The timeline: labels whole, inside the picture, none over another.
    const timeline = page.getByRole("img", { name: /The timeline as a chart/ });
    await expect(timeline).toBeVisible();
    expect(await smallestText(timeline)).toBeGreaterThanOrEqual(12);
    const labels = await timeline.evaluate((svg) => {
      const box = svg.getBoundingClientRect();
      return [...svg.querySelectorAll("text")].map((t) => {
        const r = t.getBoundingClientRect();
        return { text: t.textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom, inside: r.left >= box.left - 1 && r.right <= box.right + 1 && r.top >= box.top - 1 && r.bottom <= box.bottom + 1 };
      });
    });
    expect(labels.length).toBeGreaterThan(3);
    expect(labels.filter((l) => !l.inside).map((l) => l.text)).toEqual([]);
    const overlaps = [];
    for (let i = 0; i < labels.length; i++)
      for (let j = i + 1; j < labels.length; j++) {
        const [a, b] = [labels[i], labels[j]];
        if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) overlaps.push(`${a.text} / ${b.text}`);
      }
    expect(overlaps).toEqual([]);
    await expectFits(page, timeline, "the timeline");

    // And the page as a whole never scrolls sideways.
    expect(await page.evaluate(() => document.scrollingElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  });
}
