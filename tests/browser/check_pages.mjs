// Visits every public page in headless Chromium (the distribution's browser, driven by
// playwright-core) and reports, per page and viewport: axe-core violations (axe.mjs: WCAG 2.0-2.2
// A/AA, experimental, best practices), requests
// to other hosts, console errors (CSP violations included) and uncaught JS errors; saves a
// full-page screenshot of each.
//
//   node check_pages.mjs config.json > results.json
//
// config: {baseUrl, executablePath, screenshotDir, pages: [{name, path, status, fill, submit}]}
// A page with `submit` is a form state: `fill` ([[selector, value], ...]) is typed in, the `submit`
// button clicked, and the page that answers is checked (a form with its error messages).
// Also reported: the page's direction (dir of <html>) and which way the first month grid's columns
// run on screen (the week column first: "ltr" when it is leftmost, "rtl" when rightmost).
// The pages are browsed with the site's real CSP. Only the separate axe context bypasses CSP, to
// inject axe-core; the site's policy is never loosened.

import { existsSync, readFileSync, mkdirSync } from "node:fs";
import { chromium } from "playwright-core";
import { runAxe } from "./axe.mjs";

const config = JSON.parse(readFileSync(process.argv[2], "utf8"));
const origin = new URL(config.baseUrl).origin;
const VIEWPORTS = {
  desktop: { viewport: { width: 1280, height: 800 } },
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
};
const PARALLEL = 3;

mkdirSync(config.screenshotDir, { recursive: true });
const browser = await chromium.launch({
  executablePath: config.executablePath,
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
const chromiumVersion = browser.version();

async function visit(page, entry) {
  const response = await page.goto(config.baseUrl + entry.path, { waitUntil: "load", timeout: 30000 });
  if (!entry.submit) return response;
  for (const [selector, value] of entry.fill || []) await page.locator(selector).fill(value);
  const [answer] = await Promise.all([
    page.waitForNavigation({ waitUntil: "load", timeout: 30000 }),
    page.locator(entry.submit).click(),
  ]);
  return answer;
}

// The portal's app server does not serve uploaded files (nginx does): answered from the test's media
// folder (config.mediaRoot), as nginx would (review_flow.mjs and edit_blocks.mjs do the same).
async function serveMedia(context) {
  if (!config.mediaRoot) return context;
  await context.route(`${origin}/media/**`, async (route) => {
    const path = decodeURIComponent(new URL(route.request().url()).pathname.slice("/media/".length));
    const file = `${config.mediaRoot}/${path}`;
    if (path.includes("..") || !existsSync(file)) return route.fulfill({ status: 404, body: "" });
    return route.fulfill({ path: file });
  });
  return context;
}

const results = [];
try {
  for (const [viewportName, options] of Object.entries(VIEWPORTS)) {
    const context = await serveMedia(await browser.newContext({ ...options, locale: "de-DE", serviceWorkers: "block" }));
    const axeContext = await serveMedia(await browser.newContext({ ...options, locale: "de-DE", bypassCSP: true }));
    const checkPage = async (entry) => {
      const result = { name: entry.name, path: entry.path, viewport: viewportName, foreignRequests: [],
        consoleErrors: [], pageErrors: [], violations: [], axePasses: 0, status: null, overflow: [],
        direction: null, calendarFlow: null };
      // A form state gets browsers of its own: pages loaded beside it must not replace its CSRF cookie.
      const own = entry.submit ? await serveMedia(await browser.newContext({ ...options, locale: "de-DE", serviceWorkers: "block" })) : null;
      const ownAxe = entry.submit ? await serveMedia(await browser.newContext({ ...options, locale: "de-DE", bypassCSP: true })) : null;
      const page = await (own || context).newPage();
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
      const response = await visit(page, entry);
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

      const axePage = await (ownAxe || axeContext).newPage();
      await visit(axePage, entry);
      const axe = await runAxe(axePage);
      result.axeVersion = axe.version;
      result.violations = axe.violations;
      result.axePasses = axe.passes;
      await axePage.close();
      if (own) { await own.close(); await ownAxe.close(); }
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
