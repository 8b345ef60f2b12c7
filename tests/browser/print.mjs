// The print stylesheet in headless Chromium: each page with print media emulated. Reports what is still
// shown of the site's chrome, the vertical order of the page's parts, the written-out addresses of
// links, and saves a PDF (and a screenshot) of each in the artifacts.
//
//   node print.mjs config.json > results.json
//
// config: {baseUrl, executablePath, outputDir, chrome: [css selector, ...],
//          pages: [{name, path, order: [css selector, ...]}]}

import { readFileSync, mkdirSync } from "node:fs";
import { chromium } from "playwright-core";

const config = JSON.parse(readFileSync(process.argv[2], "utf8"));
mkdirSync(config.outputDir, { recursive: true });
const browser = await chromium.launch({
  executablePath: config.executablePath,
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});

const results = [];
try {
  const context = await browser.newContext({ viewport: { width: 800, height: 1100 }, locale: "de-DE" });
  for (const entry of config.pages) {
    const page = await context.newPage();
    const result = { name: entry.name, errors: [] };
    try {
      await page.goto(config.baseUrl + entry.path, { waitUntil: "load" });
      await page.emulateMedia({ media: "print" });
      Object.assign(result, await page.evaluate(({ chrome, order }) => {
        const shown = (el) => el.checkVisibility() && el.getBoundingClientRect().height > 0;
        const top = (selector) => {
          const el = document.querySelector(selector);
          return el && shown(el) ? Math.round(el.getBoundingClientRect().top + window.scrollY) : null;
        };
        const links = [...document.querySelectorAll('main a[href^="http"], main a[href^="/"]')].filter(shown);
        return {
          chromeShown: chrome.filter((selector) => [...document.querySelectorAll(selector)].some(shown)),
          tops: Object.fromEntries(order.map((selector) => [selector, top(selector)])),
          links: links.length,
          linksWithAddress: links.filter((a) => getComputedStyle(a, "::after").content.includes(a.getAttribute("href"))).length,
          textColours: [...new Set([...document.querySelectorAll("main *")].filter(shown)
            .map((el) => getComputedStyle(el).color))],
        };
      }, { chrome: config.chrome, order: entry.order }));
      await page.pdf({ path: `${config.outputDir}/print-${entry.name}.pdf`, format: "A4", printBackground: true });
      await page.screenshot({ path: `${config.outputDir}/print-${entry.name}.png`, fullPage: true });
    } catch (error) {
      result.errors.push(String(error.stack || error));
    } finally {
      await page.close();
    }
    results.push(result);
  }
  await context.close();
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify({ results }, null, 1));
