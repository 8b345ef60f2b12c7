// Issue 23's drafts story in headless Chromium, on the real clock: `iqz` saves an edit of a published event
// (a draft: the anonymous visitor still sees the old text), publishes it with "Sofort veröffentlichen" (the
// visitor sees the new text), then withdraws an event with registrations in bulk: the confirmation page names
// the people, and after confirming each of them gets a mail (the test's aiosmtpd handler writes each message
// as {to, subject, body} into `mailDir`).
//
//   node iqz_drafts.mjs config.json > results.json
//
// config: {baseUrl, executablePath, screenshotDir, mailDir, password, oldMarker, newMarker, people,
//          events: {edited: {id, path}, registered: {id, path, title}}}

import { readFileSync, readdirSync } from "node:fs";
import { chromium } from "playwright-core";

const config = JSON.parse(readFileSync(process.argv[2], "utf8"));
const base = config.baseUrl;
const WAIT_MS = 60000; // the machine is loaded: generous for every navigation
const result = { steps: [], errors: [] };

const browser = await chromium.launch({
  executablePath: config.executablePath,
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});

async function person() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "de-DE",
    timezoneId: "Europe/Berlin", serviceWorkers: "block" });
  context.setDefaultTimeout(WAIT_MS);
  context.setDefaultNavigationTimeout(WAIT_MS);
  return context.newPage();
}

const shoot = (page, name) => page.screenshot({ path: `${config.screenshotDir}/iqz-drafts-${name}.png`,
  fullPage: true });
const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });
const messages = (page) => page.$$eval(".messagelist li", (items) => items.map((li) => li.textContent.trim())
  .join(" | "));

async function clickAndWait(page, selector) {
  await Promise.all([page.waitForNavigation(), page.click(selector)]);
  const errors = await page.$$eval(".errorlist li, .errornote", (items) => items.map((li) => li.textContent.trim()));
  if (errors.length) throw new Error(`${selector}: ${errors.join(" | ")}`);
}

// What the anonymous visitor sees on the event's page: the old and the new text.
async function visitorSees(page, path, name) {
  const response = await page.goto(base + path, { waitUntil: "load" });
  if (response.status() !== 200) throw new Error(`visitor: ${path} answered ${response.status()}`);
  const text = await page.textContent("main");
  await shoot(page, name);
  return { old: text.includes(config.oldMarker), new: text.includes(config.newMarker) };
}

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

const iqz = await person();
const visitor = await person();
try {
  // --- 1. iqz edits the published event and saves: a draft ----------------------------------------
  const { edited, registered } = config.events;
  await iqz.goto(`${base}/admin/login/?next=${encodeURIComponent(`/admin/events/event/${edited.id}/change/`)}`);
  await iqz.fill("#id_username", "iqz");
  await iqz.fill("#id_password", config.password);
  await clickAndWait(iqz, "[type=submit]");
  await iqz.fill("#id_lead_de", config.newMarker);
  await clickAndWait(iqz, "input[name=_save]");
  result.saved = { url: new URL(iqz.url()).pathname, message: await messages(iqz),
    publishNowButton: await iqz.locator("input[name=_publish_now]").count() > 0 };
  if (result.saved.url.includes(`/${edited.id}/`)) throw new Error(`no draft: still on ${result.saved.url}`);
  await shoot(iqz, "1-saved-draft");
  result.steps.push("saved as draft");
  result.visitorAfterSave = await visitorSees(visitor, edited.path, "2-visitor-old");

  // --- 2. "Sofort veröffentlichen" on the draft's form ---------------------------------------------
  await clickAndWait(iqz, "input[name=_publish_now]");
  result.published = { url: new URL(iqz.url()).pathname, message: await messages(iqz) };
  await shoot(iqz, "3-published");
  result.steps.push("published");
  result.visitorAfterPublish = await visitorSees(visitor, edited.path, "4-visitor-new");

  // --- 3. bulk withdrawal of the event with registrations ------------------------------------------
  await iqz.goto(`${base}/admin/events/event/?q=Browsertest`, { waitUntil: "load" });
  await iqz.check(`input.action-select[value="${registered.id}"]`);
  await iqz.selectOption("select[name=action]", "unpublish");
  await clickAndWait(iqz, "button[name=index]");
  result.confirmation = { text: (await iqz.textContent("#content")).replace(/\s+/g, " ") };
  await shoot(iqz, "5-confirm");
  const before = await visitor.goto(base + registered.path, { waitUntil: "load" });
  result.confirmation.visitorBefore = before.status() === 200 && mails().length === 0;
  await clickAndWait(iqz, "#content form [type=submit]");
  result.withdrawn = { message: await messages(iqz) };
  await shoot(iqz, "6-withdrawn");
  result.steps.push("withdrawn");
  result.mails = (await waitForMails((found) => found.length >= config.people.length, "one per participant"))
    .map(({ to, subject, body }) => ({ to, subject, body }));
  await sleep(1000); // a mail too many would arrive now
  result.mails = mails().map(({ to, subject, body }) => ({ to, subject, body }));
  result.visitorAfterWithdrawal = (await visitor.goto(base + registered.path, { waitUntil: "load" })).status();
} catch (error) {
  result.errors.push(String(error.stack || error));
  for (const [name, page] of [["iqz", iqz], ["visitor", visitor]]) {
    try { await shoot(page, `failure-${name}`); } catch { /* closed */ }
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(result, null, 1));
