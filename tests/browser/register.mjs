// The Done-when of issue 14 in headless Chromium: two visitors and one place. A signs up on the event
// page's form, confirms through the link of the mail, B signs up and lands on the waiting list, A
// cancels through the management link of their mail, B gets the "moved up" mail, and the event page
// shows each state. The mails come from a real SMTP server: the test's aiosmtpd handler writes each
// message it receives as {to, subject, body} into `mailDir`, which this script polls.
//
//   node register.mjs config.json > results.json
//
// config: {baseUrl, executablePath, screenshotDir, mailDir, eventPath, visitors: {a: {name, email}, b: {...}}}

import { readFileSync, readdirSync } from "node:fs";
import { chromium } from "playwright-core";
import { axeSource, AXE_TAGS } from "./axe.mjs";

const config = JSON.parse(readFileSync(process.argv[2], "utf8"));
const base = config.baseUrl;
const DESKTOP = { viewport: { width: 1280, height: 800 } };
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const MAIL_WAIT_MS = 30000;
const T0 = Date.now();
const at = () => `${((Date.now() - T0) / 1000).toFixed(1)} s`;
const result = { steps: [], errors: [], states: {}, messages: {}, mails: [], axe: {}, consoleErrors: [],
  pageErrors: [], foreignRequests: [] };

const browser = await chromium.launch({
  executablePath: config.executablePath,
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});

// Each visitor has a browser of their own (own cookies), as two people at two computers.
async function visitorPage(label, options = DESKTOP) {
  const context = await browser.newContext({ ...options, locale: "de-DE", serviceWorkers: "block" });
  const page = await context.newPage();
  page.on("console", (message) => {
    if (message.type() === "error") result.consoleErrors.push(`${label}: ${message.text()}`);
  });
  page.on("pageerror", (error) => result.pageErrors.push(`${label}: ${error}`));
  page.on("request", (request) => {
    const url = request.url();
    if (!url.startsWith(base) && !url.startsWith("data:")) result.foreignRequests.push(`${label}: ${url}`);
  });
  return page;
}

async function shoot(page, name) {
  await page.screenshot({ path: `${config.screenshotDir}/registration-${name}.png`, fullPage: true });
}

async function axe(page, name) {
  await page.evaluate(axeSource);
  result.axe[name] = await page.evaluate(async (tags) => {
    const outcome = await window.axe.run(document, { runOnly: { type: "tag", values: tags } });
    return outcome.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
  }, AXE_TAGS);
}

// The state line of the registration box on the event page (the visitor's view, caches on).
async function eventState(page, label) {
  const response = await page.goto(base + config.eventPath, { waitUntil: "load" });
  const state = await page.locator(".registration-box .registration__state").innerText();
  result.states[label] = state.trim().replace(/\s+/g, " ");
  result.steps.push(`${at()} event page ${response.status()}: ${result.states[label]}`);
  return page;
}

// The next mail to `to` whose subject starts with `subject`, from the SMTP server's drop folder.
const seen = new Set();
async function mailTo(to, subject) {
  const deadline = Date.now() + MAIL_WAIT_MS;
  while (Date.now() < deadline) {
    for (const file of readdirSync(config.mailDir).filter((f) => f.endsWith(".json")).sort()) {
      if (seen.has(file)) continue;
      const mail = JSON.parse(readFileSync(`${config.mailDir}/${file}`, "utf8"));
      if (mail.to === to && mail.subject.startsWith(subject)) {
        seen.add(file);
        result.mails.push({ to: mail.to === config.visitors.a.email ? "A" : "B", subject: mail.subject, at: at() });
        return mail;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no mail "${subject}…" to ${to} within ${MAIL_WAIT_MS} ms`);
}

function link(mail, kind) {
  const match = mail.body.match(new RegExp(`https?://\\S+/anmeldung/${kind}/\\S+/`));
  if (!match) throw new Error(`no ${kind} link in the mail "${mail.subject}"`);
  return match[0];
}

async function message(page) {
  return (await page.locator("main").innerText()).replace(/\s+/g, " ");
}

// From the event page through the form: the button of the registration box, the fields, "Anmelden".
async function signUp(page, visitor, label) {
  await page.locator(".registration-box a.button").click();
  await page.waitForLoadState("load");
  result.steps.push(`${at()} form ${new URL(page.url()).pathname}${new URL(page.url()).search}`);
  await page.getByLabel(/^Name/).fill(visitor.name);
  await page.getByLabel(/^E-Mail-Adresse/).fill(visitor.email);
  await page.locator('input[name="consent"]').check();
  await shoot(page, `${label}-form`);
  if (label === "a") await axe(page, "form");
  await page.locator('.registration__form button[type="submit"]').click();
  await page.waitForLoadState("load");
  result.messages[`${label}-sent`] = await message(page);
}

async function confirm(page, visitor, label) {
  const mail = await mailTo(visitor.email, "Bitte bestätigen");
  await page.goto(link(mail, "bestaetigen"), { waitUntil: "load" });
  if (label === "a") await axe(page, "confirm");
  await page.getByRole("button", { name: "Anmeldung bestätigen" }).click();
  await page.waitForLoadState("load");
  result.messages[`${label}-confirmed`] = await message(page);
  await shoot(page, `${label}-confirmed`);
}

try {
  const a = await visitorPage("A");
  await eventState(a, "before");
  await shoot(a, "event-open");
  await signUp(a, config.visitors.a, "a");
  await confirm(a, config.visitors.a, "a");
  const manageA = link(await mailTo(config.visitors.a.email, "Anmeldung bestätigt"), "verwalten");
  result.steps.push(`${at()} A confirmed`);

  const b = await visitorPage("B");
  await eventState(b, "full");
  await shoot(b, "event-full");
  await signUp(b, config.visitors.b, "b");
  await axe(b, "done");
  await confirm(b, config.visitors.b, "b");
  await mailTo(config.visitors.b.email, "Warteliste");
  result.steps.push(`${at()} B waiting`);

  await a.goto(manageA, { waitUntil: "load" });
  await axe(a, "manage");
  await a.getByRole("button", { name: "Abmelden" }).click();
  await a.waitForLoadState("load");
  result.messages["a-cancelled"] = await message(a);
  await shoot(a, "a-cancelled");
  await mailTo(config.visitors.a.email, "Abgemeldet");
  result.steps.push(`${at()} A cancelled`);

  const movedUp = await mailTo(config.visitors.b.email, "Ein Platz ist frei geworden");
  result.movedUpBody = movedUp.body;
  await b.goto(link(movedUp, "verwalten"), { waitUntil: "load" });
  result.messages["b-manage"] = await message(b);
  await shoot(b, "b-moved-up");
  await eventState(b, "afterMoveUp");

  // B gives the place back: the event page offers it again.
  await b.goto(link(movedUp, "verwalten"), { waitUntil: "load" });
  await b.getByRole("button", { name: "Abmelden" }).click();
  await b.waitForLoadState("load");
  await mailTo(config.visitors.b.email, "Abgemeldet");
  await eventState(b, "afterAll");
  await shoot(b, "event-open-again");
  await axe(b, "event");

  // The form at phone width, checked like every public page.
  const phone = await visitorPage("phone", PHONE);
  await phone.goto(base + config.eventPath, { waitUntil: "load" });
  await phone.locator(".registration-box a.button").click();
  await phone.waitForLoadState("load");
  await axe(phone, "form-phone");
  result.steps.push(`${at()} phone form checked`);
  result.phoneOverflow = await phone.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  await shoot(phone, "form-phone");
} catch (error) {
  result.errors.push(String(error.stack || error));
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(result, null, 1));
