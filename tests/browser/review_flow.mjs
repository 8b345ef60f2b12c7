// The Done-when of issue 13 in headless Chromium, on the real clock: `bochum` changes the text block of
// the Bochum page in a new draft and a draft event, and sends both for review; `iqz` returns the page
// with a comment and approves the event with "Veröffentlichen am" a few seconds ahead; `bochum` sees
// both decisions on the start page and by mail (the test's aiosmtpd handler writes each message as
// {to, subject, body} into `mailDir`); an anonymous visitor polls the event list and the event page
// until the event appears, and never sees it before its moment.
//
//   node review_flow.mjs config.json > results.json
//
// config: {baseUrl, executablePath, screenshotDir, mailDir, mediaRoot, password, pagePath, placeholderName,
//          event: {id, path, title}, pageMarker, eventMarker, comments: {page, event, returned, approved},
//          aheadSeconds}

import { existsSync, readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const config = JSON.parse(readFileSync(process.argv[2], "utf8"));
const base = config.baseUrl;
const DESKTOP = { viewport: { width: 1280, height: 900 } };
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const WAIT_MS = 60000; // the machine is loaded: generous for every navigation and every poll
const result = { steps: [], errors: [], polls: [], mails: [], axe: {}, consoleErrors: [], pageErrors: [] };

const browser = await chromium.launch({
  executablePath: config.executablePath,
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});

// Each person has a browser of their own (own cookies).
async function person(label, { watchErrors = false, bypassCSP = false } = {}) {
  const context = await browser.newContext({ ...DESKTOP, locale: "de-DE", timezoneId: "Europe/Berlin",
    serviceWorkers: "block", bypassCSP });
  // The portal's app server does not serve uploaded files (nginx does): answered from the test's media
  // folder here, as nginx would (edit_blocks.mjs does the same).
  await context.route(`${base}/media/**`, async (route) => {
    const path = decodeURIComponent(new URL(route.request().url()).pathname.slice("/media/".length));
    const file = `${config.mediaRoot}/${path}`;
    if (path.includes("..") || !existsSync(file)) return route.fulfill({ status: 404, body: "" });
    return route.fulfill({ path: file });
  });
  context.setDefaultTimeout(WAIT_MS);
  context.setDefaultNavigationTimeout(WAIT_MS);
  const page = await context.newPage();
  if (watchErrors) {
    page.on("console", (message) => {
      if (message.type() === "error") result.consoleErrors.push(`${label}: ${message.text()}`);
    });
    page.on("pageerror", (error) => result.pageErrors.push(`${label}: ${error}`));
    page.on("response", (response) => {
      if (response.status() >= 400) result.consoleErrors.push(`${label}: ${response.status()} ${response.url()}`);
    });
  }
  return page;
}

const shoot = (page, name) => page.screenshot({ path: `${config.screenshotDir}/review-${name}.png`, fullPage: true });
const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

async function login(page, username, next) {
  await page.goto(`${base}/admin/login/?next=${encodeURIComponent(next)}`);
  await page.fill("#id_username", username);
  await page.fill("#id_password", config.password);
  await Promise.all([page.waitForNavigation(), page.click("[type=submit]")]);
}

// A review step's page (comment, for the approval the date and time): filled and sent.
async function takeStep(page, { comment, screenshot, before = null }) {
  await page.waitForSelector("#id_comment");
  await page.fill("#id_comment", comment);
  if (before) await before(page);
  await shoot(page, screenshot);
  await Promise.all([page.waitForNavigation(), page.click("#content-main [type=submit]")]);
  const errors = await page.$$eval(".errorlist li, .errornote", (items) => items.map((li) => li.textContent.trim()));
  if (errors.length) throw new Error(`${screenshot}: ${errors.join(" | ")}`);
}

// A toolbar button of django CMS by its label, followed like a link (the toolbar folds buttons it has no
// room for into "Mehr…", hidden until opened: so not clicked).
async function toolbarButton(page, label) {
  const button = page.locator(`.cms-toolbar a.cms-btn:has-text("${label}")`).first();
  await button.waitFor({ state: "attached" });
  const href = await button.getAttribute("href");
  await page.goto(new URL(href, base).href);
}

// The start page's section `key` (familie_portal.editorial): its text.
const section = (page, key) => page.$eval(`#start-${key}`, (heading) => {
  const box = heading.closest(".start-page__section") || heading.parentElement;
  return box.textContent.replace(/\s+/g, " ");
});

function mails() {
  return readdirSync(config.mailDir).filter((name) => name.endsWith(".json")).sort()
    .map((name) => JSON.parse(readFileSync(`${config.mailDir}/${name}`, "utf8")));
}

async function waitForMails(test, what) {
  const deadline = Date.now() + WAIT_MS;
  while (Date.now() < deadline) {
    const found = mails();
    if (test(found)) return found;
    await sleep(250);
  }
  throw new Error(`no mail: ${what}; got ${JSON.stringify(mails().map((m) => [m.to, m.subject]))}`);
}

// Berlin's wall clock for a moment: ["01.12.2026", "19:05:20"].
function berlin(ms) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat("de-DE", { timeZone: "Europe/Berlin", year: "numeric",
    month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" })
    .formatToParts(new Date(ms)).map((part) => [part.type, part.value]));
  return [`${parts.day}.${parts.month}.${parts.year}`, `${parts.hour}:${parts.minute}:${parts.second}`];
}

// What the anonymous visitor sees of the event: a link in the list, and its page; each with the moments
// the request went out and its answer was read (the server decided in between).
async function visitorSees(page) {
  const sentList = Date.now();
  await page.goto(`${base}/veranstaltungen/`, { waitUntil: "load" });
  const list = { sent: sentList, shown: await page.locator(`main a[href="${config.event.path}"]`).count() > 0,
    done: Date.now() };
  const sentDetail = Date.now();
  const response = await page.goto(base + config.event.path, { waitUntil: "load" });
  const detail = { sent: sentDetail, status: response.status(),
    shown: response.status() === 200 && (await page.textContent("main")).includes(config.eventMarker),
    done: Date.now() };
  return { list, detail };
}

async function axe(page, name, path) {
  await page.goto(base + path, { waitUntil: "load" });
  await page.evaluate(axeSource);
  result.axe[name] = await page.evaluate(async (tags) => {
    const outcome = await window.axe.run(document, { runOnly: { type: "tag", values: tags } });
    return outcome.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
  }, AXE_TAGS);
}

const bochum = await person("bochum");
const iqz = await person("iqz");
const visitor = await person("visitor"); // its 404s before the moment are expected
try {
  // --- 1. bochum: the page ---------------------------------------------------------------------
  await login(bochum, "bochum", config.pagePath);
  result.steps.push(`login -> ${new URL(bochum.url()).pathname}`);
  // "Neuer Entwurf": djangocms-versioning copies the published version and opens it in edit mode.
  await Promise.all([bochum.waitForURL(/\/edit\/\d+\//), bochum.click(".cms-toolbar .cms-versioning-js-edit-btn")]);
  const editUrl = bochum.url();
  const structure = await bochum.evaluate(() => (window.CMS?._plugins || []).map((p) => p[1]));
  const placeholder = structure.find((p) => p.type === "placeholder" && p.name === config.placeholderName);
  const text = structure.find((p) => p.type === "plugin" && p.plugin_type === "TextPlugin"
    && String(p.placeholder_id) === String(placeholder?.placeholder_id));
  if (!text) throw new Error(`no text block in ${config.placeholderName}: ${JSON.stringify(structure).slice(0, 800)}`);
  // The text block's form (what the structure board opens in its dialog), typed into its editor.
  await bochum.goto(`${base}/admin/cms/placeholder/edit-plugin/${text.plugin_id}/`, { waitUntil: "load" });
  const editor = bochum.locator("[contenteditable=true]").first();
  await editor.waitFor();
  await editor.click();
  await bochum.keyboard.press("Control+End");
  await bochum.keyboard.press("Enter");
  await bochum.keyboard.type(config.pageMarker);
  await Promise.all([bochum.waitForNavigation(), bochum.click("input[name=_save]")]);
  if (!(await bochum.$("#data-bridge"))) {
    throw new Error(`text block not saved: ${(await bochum.textContent("body")).slice(0, 500)}`);
  }
  await bochum.goto(editUrl, { waitUntil: "load" });
  result.draftShows = (await bochum.textContent("body")).includes(config.pageMarker);
  await shoot(bochum, "1-page-draft");
  result.steps.push("page draft edited");
  await toolbarButton(bochum, "Zur Prüfung einreichen");
  await takeStep(bochum, { comment: config.comments.page, screenshot: "2-page-submit" });
  result.steps.push("page submitted");

  // --- 1b. bochum: the event -------------------------------------------------------------------
  const eventChange = `${base}/admin/events/event/${config.event.id}/change/`;
  await bochum.goto(eventChange, { waitUntil: "load" });
  await bochum.fill("#id_lead_de", config.eventMarker);
  await Promise.all([bochum.waitForNavigation(), bochum.click("input[name=_continue]")]);
  const saveErrors = await bochum.$$eval(".errorlist li", (items) => items.map((li) => li.textContent.trim()));
  if (saveErrors.length) throw new Error(`event not saved: ${saveErrors.join(" | ")}`);
  await bochum.click('.object-tools a:has-text("Zur Prüfung einreichen")');
  await takeStep(bochum, { comment: config.comments.event, screenshot: "3-event-submit" });
  result.steps.push("event submitted");
  await waitForMails((found) => found.filter((m) => m.subject.startsWith("Zur Prüfung eingereicht")).length >= 2,
    "two submissions to the IQZ");

  // --- 2. iqz: the start page, return the page, approve the event with a time -------------------
  await login(iqz, "iqz", "/admin/");
  const waiting = await section(iqz, "in_review");
  result.iqzStartPage = { page: waiting.includes(config.comments.page), event: waiting.includes(config.comments.event) };
  await shoot(iqz, "4-iqz-start");
  await iqz.goto(editUrl, { waitUntil: "load" });
  await toolbarButton(iqz, "Zurückgeben");
  await takeStep(iqz, { comment: config.comments.returned, screenshot: "5-page-return" });
  result.steps.push("page returned");

  await iqz.goto(eventChange, { waitUntil: "load" });
  await iqz.click('.object-tools a:has-text("Freigeben und veröffentlichen")');
  await takeStep(iqz, {
    comment: config.comments.approved,
    screenshot: "6-event-approve",
    before: async (page) => {
      // The admin's date and time fields (with their "Heute"/"Jetzt" shortcuts), typed as an editor does.
      result.widgets = await page.locator(".field-publish_at .datetimeshortcuts").count() === 2;
      result.publishAtMs = Math.ceil((Date.now() + config.aheadSeconds * 1000) / 1000) * 1000;
      const [day, time] = berlin(result.publishAtMs);
      result.publishAtWords = `${day} um ${time.slice(0, 5)} Uhr`;
      await page.fill("#id_publish_at_0", day);
      await page.fill("#id_publish_at_1", time);
    },
  });
  result.steps.push("event approved");
  result.approvedWithMs = result.publishAtMs - Date.now();

  // --- 3. the visitor before the moment (and so the caches warm) ------------------------------------
  result.polls.push(await visitorSees(visitor));
  await shoot(visitor, "8-visitor-before");

  // --- 4. bochum: the start page and the mails -------------------------------------------------------
  await bochum.goto(`${base}/admin/`, { waitUntil: "load" });
  const returnedText = await section(bochum, "returned");
  result.bochumStartPage = { returned: returnedText.includes("Bochum"), returnedText,
    approvedText: await section(bochum, "approved") };
  await shoot(bochum, "7-bochum-start");
  result.mails = (await waitForMails((found) => found.filter((m) => m.to === "bochum@example.org").length >= 2,
    "both decisions to bochum")).map(({ to, subject, body }) => ({ to, subject, body }));

  // --- 5. the visitor: polls until the event is there ------------------------------------------------
  const deadline = result.publishAtMs + WAIT_MS;
  while (Date.now() < deadline) {
    const seen = await visitorSees(visitor);
    result.polls.push(seen);
    if (seen.list.shown && seen.detail.shown) break;
    await sleep(Date.now() < result.publishAtMs - 3000 ? 1000 : 300);
  }
  await visitor.goto(base + config.event.path, { waitUntil: "load" });
  await shoot(visitor, "9-visitor-after");

  // --- axe on the public pages of the story --------------------------------------------------------
  const axePage = await person("axe", { watchErrors: true, bypassCSP: true });
  await axe(axePage, "page", config.pagePath);
  await axe(axePage, "list", "/veranstaltungen/");
  await axe(axePage, "event", config.event.path);
} catch (error) {
  result.errors.push(String(error.stack || error));
  for (const [name, page] of [["bochum", bochum], ["iqz", iqz], ["visitor", visitor]]) {
    try { await shoot(page, `failure-${name}`); } catch { /* closed */ }
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(result, null, 1));
