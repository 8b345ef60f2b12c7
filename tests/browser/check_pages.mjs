// Visits every public page in headless Chromium (the distribution's browser, driven by
// playwright-core) and reports, per page and viewport: axe-core violations (axe.mjs: WCAG 2.0-2.2
// A/AA, experimental, best practices), requests to other hosts, console errors (CSP violations
// included), uncaught JS errors and sideways overflow; saves a screenshot of the whole page.
//
//   node check_pages.mjs config.json > results.json
//
// config: {baseUrl, executablePath, screenshotDir, mediaRoot, parallel,
//          pages: [{name, language, path, status, fill, submit}]}
// (test_public_pages.py passes each German page in each language: name "<page>-<language>").
// A page with `submit` is a form state: `fill` ([[selector, value], ...]) is typed in, the `submit`
// button clicked, and the page that answers is checked (a form with its error messages).
// Also reported: the page's direction (dir of <html>), which way the first month grid's columns
// run on screen (the week column first: "ltr" when it is leftmost, "rtl" when rightmost) and the
// seconds each page took.
// Each page is loaded once, with the site's real CSP; axe-core is evaluated through the DevTools
// protocol (not a <script> the policy would block), so the site's policy is never loosened.

import { existsSync, readFileSync, mkdirSync } from "node:fs";
import { chromium } from "playwright-core";
import { runAxe } from "./axe.mjs";

const config = JSON.parse(readFileSync(process.argv[2], "utf8"));
const origin = new URL(config.baseUrl).origin;
const VIEWPORTS = {
  desktop: { viewport: { width: 1280, height: 800 } },
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
};
const PARALLEL = Number(config.parallel || 2);

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

// One page at one width: load it (or submit its form) in the site's CSP, read what the browser saw,
// then axe (through the DevTools protocol, which the page's CSP does not govern: nothing of the policy
// is loosened, and the console is no longer read once axe runs), then the screenshot.
async function checkPage(entry, viewportName, sharedContext) {
  const options = VIEWPORTS[viewportName];
  const started = Date.now();
  const result = { name: entry.name, language: entry.language, path: entry.path, viewport: viewportName,
    foreignRequests: [], consoleErrors: [], pageErrors: [], violations: [], axePasses: 0, status: null,
    overflow: [], direction: null, calendarFlow: null, seconds: 0 };
  // A form state gets a browser context of its own: pages loaded beside it must not replace its CSRF cookie.
  const own = entry.submit ? await newContext(options) : null;
  const page = await (own || sharedContext).newPage();
  let listening = true;
  page.on("request", (request) => {
    const url = request.url();
    if (!url.startsWith("data:") && !url.startsWith("blob:") && new URL(url).origin !== origin) {
      result.foreignRequests.push(url);
    }
  });
  page.on("console", (message) => {
    // The expected 404 of the not-found page itself is logged as a console error; nothing else may be.
    const text = message.text();
    if (listening && message.type() === "error" && !(entry.status === 404 && text.includes("status of 404"))) {
      result.consoleErrors.push(text);
    }
  });
  page.on("pageerror", (error) => { if (listening) result.pageErrors.push(String(error)); });
  try {
    const response = await visit(page, entry);
    result.status = response ? response.status() : null;
    Object.assign(result, await page.evaluate(() => {
      const cells = [...document.querySelectorAll("main table.cal thead th")];
      const first = cells[0]?.getBoundingClientRect();
      const last = cells[cells.length - 1]?.getBoundingClientRect();
      return { direction: getComputedStyle(document.documentElement).direction,
        calendarFlow: cells.length > 1 ? (first.left < last.left ? "ltr" : "rtl") : null };
    }));
    // Sideways scrolling of the whole page (a table or long word wider than the phone), either way
    // (Arabic overflows to the left): list the widest offenders. Scroll containers (overflow
    // auto/hidden) may hold wide content.
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
        .filter((el) => { const r = el.getBoundingClientRect(); return (r.right > width + 1 || r.left < -1) && !clipped(el); })
        .slice(0, 5)
        .map((el) => {
          const r = el.getBoundingClientRect();
          const name = `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : ""}`;
          return `${name} (${Math.round(r.left)}..${Math.round(r.right)} of ${width})`;
        });
    });
    // Wait for a late error (a script after load) before the console is left to axe.
    await page.waitForTimeout(100);
    listening = false;
    const axe = await runAxe(page);
    result.axeVersion = axe.version;
    result.violations = axe.violations;
    result.axePasses = axe.passes;
    // The whole page in one viewport (headless Chromium's fullPage capture repeats the first screen's
    // tiles down long pages), in CSS pixels (390 px wide on the phone).
    const fullHeight = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.setViewportSize({ width: options.viewport.width, height: Math.min(fullHeight, 16000) });
    const shownHeight = await page.evaluate(() => document.body.getBoundingClientRect().bottom + window.scrollY);
    await page.screenshot({
      path: `${config.screenshotDir}/${entry.name}-${viewportName}.png`, scale: "css",
      clip: { x: 0, y: 0, width: options.viewport.width, height: Math.min(Math.ceil(shownHeight), 16000) },
    });
  } catch (error) {
    result.pageErrors.push(`check failed: ${error.stack || error}`);
  } finally {
    await page.close();
    if (own) await own.close();
  }
  result.seconds = (Date.now() - started) / 1000;
  return result;
}

const newContext = async (options) => serveMedia(await browser.newContext({ ...options, locale: "de-DE", serviceWorkers: "block" }));
const results = [];
const startedAll = Date.now();
try {
  const contexts = {};
  for (const [name, options] of Object.entries(VIEWPORTS)) contexts[name] = await newContext(options);
  const queue = Object.keys(VIEWPORTS).flatMap((viewportName) => config.pages.map((entry) => [entry, viewportName]));
  // PARALLEL pages at a time, each taking the next from the queue: the machine has two cores.
  const worker = async () => {
    for (let task = queue.shift(); task; task = queue.shift()) {
      results.push(await checkPage(task[0], task[1], contexts[task[1]]));
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  for (const context of Object.values(contexts)) await context.close();
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify({ chromium: chromiumVersion, seconds: (Date.now() - startedAll) / 1000, results }, null, 1));
