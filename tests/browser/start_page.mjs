// The start page story of issue 23 in headless Chromium: `bochum` signs in, the start page offers "Ihre
// Kommunalseite bearbeiten", one click opens the CMS editor of /kommunen/bochum/ in edit mode (a new draft of
// the published page); the toolbar's "Hilfe" leads to the portal's help. `iqz` signs in and sees what waits
// for review, the oldest first. An anonymous visitor finds "Zugangsdaten vergessen?" on the login page.
//
//   node start_page.mjs config.json > results.json
//
// config: {baseUrl, executablePath, screenshotDir, mediaRoot, password}

import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const config = JSON.parse(readFileSync(process.argv[2], "utf8"));
const base = config.baseUrl;
const WAIT_MS = 60000;
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const result = { steps: [], errors: [], axe: {} };

const browser = await chromium.launch({
  executablePath: config.executablePath,
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});

async function person() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "de-DE",
    timezoneId: "Europe/Berlin", serviceWorkers: "block", bypassCSP: true });
  // The portal's app server does not serve uploaded files (nginx does): answered from the test's media
  // folder here, as nginx would (review_flow.mjs does the same).
  await context.route(`${base}/media/**`, async (route) => {
    const path = decodeURIComponent(new URL(route.request().url()).pathname.slice("/media/".length));
    const file = `${config.mediaRoot}/${path}`;
    if (path.includes("..") || !existsSync(file)) return route.fulfill({ status: 404, body: "" });
    return route.fulfill({ path: file });
  });
  context.setDefaultTimeout(WAIT_MS);
  context.setDefaultNavigationTimeout(WAIT_MS);
  return context.newPage();
}

const shoot = (page, name) => page.screenshot({ path: `${config.screenshotDir}/start-${name}.png`, fullPage: true });

async function login(page, username) {
  await page.goto(`${base}/admin/login/?next=/admin/`);
  await page.fill("#id_username", username);
  await page.fill("#id_password", config.password);
  await Promise.all([page.waitForNavigation(), page.click("[type=submit]")]);
}

async function axe(page, name) {
  await page.evaluate(axeSource);
  result.axe[name] = await page.evaluate(async (tags) => {
    const outcome = await window.axe.run(document.querySelector(".start-page") || document,
      { runOnly: { type: "tag", values: tags } });
    return outcome.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
  }, AXE_TAGS);
}

const bochum = await person();
const iqz = await person();
const visitor = await person();
try {
  // --- bochum: start page, one click into the editor of the own page -----------------------------
  await login(bochum, "bochum");
  result.bochumSteps = await bochum.$$eval(".start-page__steps .start-page__step", (els) => els.map((e) => e.textContent.trim()));
  await axe(bochum, "bochum-start");
  await shoot(bochum, "1-bochum");
  result.steps.push("bochum start page");
  await Promise.all([bochum.waitForURL(/\/edit\/\d+\//),
    bochum.click('.start-page__step:has-text("Ihre Kommunalseite bearbeiten")')]);
  await bochum.waitForSelector(".cms-toolbar");
  const cmsConfig = await bochum.$eval("#cms-config-json", (el) => JSON.parse(el.textContent));
  result.editor = { path: new URL(bochum.url()).pathname, mode: cmsConfig.mode, model: cmsConfig.request.model,
    pk: cmsConfig.request.pk, pageId: cmsConfig.request.page_id,
    viewOnSite: await bochum.evaluate(() => window.location.href) };
  result.editor.hasHilfe = await bochum.locator('.cms-toolbar a[href="/admin/hilfe/seite-bearbeiten/"]').count() > 0;
  result.editor.foreignLinks = await bochum.$$eval(".cms-toolbar a[href^='http']", (links) =>
    links.map((a) => a.href).filter((href) => !href.startsWith(window.location.origin)));
  await shoot(bochum, "2-bochum-editor");
  result.steps.push("bochum in the editor");
  // The toolbar's "Hilfe" menu, opened as an editor does (at 1280 px django CMS folds it into "Mehr…"), and
  // the help page it leads to.
  const more = bochum.locator(".cms-toolbar-more > a").first();
  if (await more.isVisible()) await more.click();
  const hilfe = bochum.locator('.cms-toolbar-item-navigation a:has-text("Hilfe"):visible').first();
  await hilfe.hover();
  if (!(await bochum.locator('.cms-toolbar a[href="/admin/hilfe/seite-bearbeiten/"]:visible').count())) {
    await hilfe.click();
  }
  result.hilfeVisible = await bochum.locator('.cms-toolbar a[href="/admin/hilfe/seite-bearbeiten/"]:visible').count() > 0;
  await bochum.waitForTimeout(300);
  await bochum.screenshot({ path: `${config.screenshotDir}/start-3-toolbar-hilfe.png` });
  await bochum.goto(`${base}/admin/hilfe/seite-bearbeiten/`, { waitUntil: "load" });
  result.helpTitle = await bochum.textContent("#content h1");
  await shoot(bochum, "4-help");

  // --- iqz: the review queue, oldest first --------------------------------------------------------
  await login(iqz, "iqz");
  result.iqzQueue = await iqz.$$eval("#start-in_review + ul > li > a", (links) => links.map((a) => a.textContent.trim()));
  result.iqzWaiting = await iqz.$$eval("#start-in_review + ul > li .start-page__detail",
    (els) => els.map((e) => e.textContent.trim()));
  await axe(iqz, "iqz-start");
  await shoot(iqz, "5-iqz");
  result.steps.push("iqz start page");

  // --- a visitor who forgot the password ------------------------------------------------------------
  await visitor.goto(`${base}/admin/login/`, { waitUntil: "load" });
  await Promise.all([visitor.waitForNavigation(), visitor.click('a:has-text("Zugangsdaten vergessen?")')]);
  await visitor.fill("#id_email", "niemand@example.org");
  await shoot(visitor, "6-password-reset");
  await Promise.all([visitor.waitForNavigation(), visitor.click("#content [type=submit]")]);
  result.resetDone = await visitor.textContent("#content h1");
  await shoot(visitor, "7-password-reset-done");
} catch (error) {
  result.errors.push(String(error.stack || error));
  for (const [name, page] of [["bochum", bochum], ["iqz", iqz], ["visitor", visitor]]) {
    try { await shoot(page, `failure-${name}`); } catch { /* closed */ }
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(result, null, 1));
