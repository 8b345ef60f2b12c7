// The one axe-core configuration of the browser suite: every WCAG 2.0, 2.1 and 2.2 A/AA rule, the
// experimental rules (off in axe by default) and axe's best practices. Run in a context with
// bypassCSP (axe's script is injected; the pages' own CSP is never loosened).

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
export const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "experimental",
  "best-practice"];

// {passes, violations: [{id, impact, help, targets}]} of one page as it is now.
export async function runAxe(page) {
  await page.evaluate(axeSource);
  return page.evaluate(async (tags) => {
    const outcome = await window.axe.run(document, { runOnly: { type: "tag", values: tags } });
    return {
      version: window.axe.version,
      passes: outcome.passes.length,
      violations: outcome.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help,
        targets: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
      })),
    };
  }, AXE_TAGS);
}
