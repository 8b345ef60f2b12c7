// Visits every public page in headless Chromium (the distribution's browser, driven by
// playwright-core) and reports, per page and viewport: axe-core violations (WCAG 2.1 A/AA), requests
// to other hosts, console errors (CSP violations included) and uncaught JS errors; saves a
// full-page screenshot of each.
//
//   node check_pages.mjs config.json > results.json
//
// config: {baseUrl, executablePath, screenshotDir, pages: [{name, path, status}]}
// Also reported: the page's direction (dir of <html>) and which way the first month grid's columns
// run on screen (the week column first: "ltr" when it is leftmost, "rtl" when rightmost).
// The pages are browsed with the site's real CSP. Only the separate axe context bypasses CSP, to
// inject axe-core; the site's policy is never loosened.

import { readFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const config = JSON.parse(readFileSync(process.argv[2], "utf8"));
const origin = new URL(config.baseUrl).origin;
const VIEWPORTS = {
  desktop: { viewport: { width: 1280, height: 800 } },
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
};
const PARALLEL = 3;
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

mkdirSync(config.screenshotDir, { recursive: true });
const browser = await chromium.launch({
  executablePath: config.executablePath,
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
const chromiumVersion = browser.version();

async function visit(page, path) {
  return page.goto(config.baseUrl + path, { waitUntil: "load", timeout: 30000 });
}

const results = [];
try {
  for (const [viewportName, options] of Object.entries(VIEWPORTS)) {
    const context = await browser.newContext({ ...options, locale: "de-DE", serviceWorkers: "block" });
    const axeContext = await browser.newContext({ ...options, locale: "de-DE", bypassCSP: true });
    const checkPage = async (entry) => {
      const result = { name: entry.name, path: entry.path, viewport: viewportName, foreignRequests: [],
        consoleErrors: [], pageErrors: [], violations: [], axePasses: 0, status: null, overflow: [],
        direction: null, calendarFlow: null };
      const page = await context.newPage();
      page.on("request", (request) => {
        const url = request.url();
        if (!url.startsWith("data:") && !url.startsWith("blob:") && new URL(url).origin !== origin) {
          result.foreignRequests.push(url);
        }
      });
      page.on("console", (message) => {
        // The expected 404 of the not-found page itself is logged as a console error; nothing else may be.
        const text = message.text();
        if (message.type() === "error" && !(entry.status === 404 && text.includes("status of 404"))) {
          result.consoleErrors.push(text);
        }
      });
      page.on("pageerror", (error) => result.pageErrors.push(String(error)));
      const response = await visit(page, entry.path);
      result.status = response ? response.status() : null;
      Object.assign(result, await page.evaluate(() => {
        const cells = [...document.querySelectorAll("main table.cal thead th")];
        const first = cells[0]?.getBoundingClientRect();
        const last = cells[cells.length - 1]?.getBoundingClientRect();
        return { direction: getComputedStyle(document.documentElement).direction,
          calendarFlow: cells.length > 1 ? (first.left < last.left ? "ltr" : "rtl") : null };
      }));
      // Sideways scrolling of the whole page (a table or long word wider than the phone): list the
      // widest offenders. Scroll containers (overflow auto/hidden) may hold wide content.
      result.overflow = await page.evaluate(() => {
        const width = document.documentElement.clientWidth;
        if (document.documentElement.scrollWidth <= width) return [];
        const clipped = (el) => {
          for (let p = el.parentElement; p; p = p.parentElement) {
            const o = getComputedStyle(p).overflowX;
            if (o === "auto" || o === "hidden" || o === "scroll" || o === "clip") return true;
          }
          return false;
        };
        return [...document.body.querySelectorAll("*")]
          .filter((el) => el.getBoundingClientRect().right > width + 1 && !clipped(el))
          .slice(0, 5)
          .map((el) => `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : ""} (right ${Math.round(el.getBoundingClientRect().right)} > ${width})`);
      });
      // The whole page in one viewport: headless Chromium's fullPage capture repeats the first
      // screen's tiles down long pages.
      const fullHeight = await page.evaluate(() => document.documentElement.scrollHeight);
      await page.setViewportSize({ width: options.viewport.width, height: Math.min(fullHeight, 16000) });
      const shownHeight = await page.evaluate(() => document.body.getBoundingClientRect().bottom + window.scrollY);
      await page.screenshot({
        path: `${config.screenshotDir}/${entry.name}-${viewportName}.png`,
        clip: { x: 0, y: 0, width: options.viewport.width, height: Math.min(Math.ceil(shownHeight), 16000) },
      });
      await page.close();

      const axePage = await axeContext.newPage();
      await visit(axePage, entry.path);
      await axePage.evaluate(axeSource);
      const axe = await axePage.evaluate(async (tags) => {
        const outcome = await window.axe.run(document, { runOnly: { type: "tag", values: tags } });
        return {
          passes: outcome.passes.length,
          violations: outcome.violations.map((v) => ({
            id: v.id, impact: v.impact, help: v.help,
            targets: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
          })),
        };
      }, AXE_TAGS);
      result.violations = axe.violations;
      result.axePasses = axe.passes;
      await axePage.close();
      return result;
    };
    // A few pages at a time: the server has threads, the machine two cores.
    for (let i = 0; i < config.pages.length; i += PARALLEL) {
      results.push(...await Promise.all(config.pages.slice(i, i + PARALLEL).map(checkPage)));
    }
    await context.close();
    await axeContext.close();
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify({ chromium: chromiumVersion, results }, null, 1));
