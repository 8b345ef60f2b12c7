// The Done-when of issue 16's contact form in headless Chromium: a visitor on an event page follows the
// footer link "Barriere melden", finds the topic and the page filled in, first sends without a message
// (the error state), then sends with an address. The IQZ's mail and the visitor's receipt come from a real
// SMTP server (the test's aiosmtpd handler writes each message into `mailDir`, which this script polls);
// the IQZ editor logs in and opens the message in the admin through the link of the mail. axe-core on
// the form and its error state at desktop and phone width.
//
//   node feedback.mjs config.json > results.json
//
// config: {baseUrl, executablePath, screenshotDir, mailDir, eventPath, iqzAddress, visitor: {name, email},
//          message, editor: {username, password}}

import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const config = JSON.parse(readFileSync(process.argv[2], "utf8"));
const base = config.baseUrl;
const DESKTOP = { viewport: { width: 1280, height: 800 } };
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const MAIL_WAIT_MS = 30000;
const T0 = Date.now();
const at = () => `${((Date.now() - T0) / 1000).toFixed(1)} s`;
const result = { steps: [], errors: [], axe: {}, mails: {}, prefilled: {}, consoleErrors: [], pageErrors: [],
  foreignRequests: [] };

const browser = await chromium.launch({
  executablePath: config.executablePath,
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});

async function newPage(label, options = DESKTOP) {
  const context = await browser.newContext({ ...options, locale: "de-DE", serviceWorkers: "block" });
  const page = await context.newPage();
  // The public pages' console (the admin's own resources are not what this test is about).
  page.on("console", (message) => {
    if (message.type() === "error" && label !== "iqz") result.consoleErrors.push(`${label}: ${message.text()}`);
  });
  page.on("pageerror", (error) => result.pageErrors.push(`${label}: ${error}`));
  page.on("request", (request) => {
    const url = request.url();
    if (!url.startsWith(base) && !url.startsWith("data:")) result.foreignRequests.push(`${label}: ${url}`);
  });
  return page;
}

async function shoot(page, name) {
  await page.screenshot({ path: `${config.screenshotDir}/feedback-${name}.png`, fullPage: true });
}

async function axe(page, name) {
  await page.evaluate(axeSource);
  result.axe[name] = await page.evaluate(async (tags) => {
    const outcome = await window.axe.run(document, { runOnly: { type: "tag", values: tags } });
    return outcome.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
  }, AXE_TAGS);
}

async function mailTo(to, subject) {
  const deadline = Date.now() + MAIL_WAIT_MS;
  while (Date.now() < deadline) {
    for (const file of readdirSync(config.mailDir).filter((f) => f.endsWith(".json")).sort()) {
      const mail = JSON.parse(readFileSync(`${config.mailDir}/${file}`, "utf8"));
      if (mail.to === to && mail.subject.startsWith(subject)) return mail;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no mail "${subject}…" to ${to} within ${MAIL_WAIT_MS} ms`);
}

const text = async (page, selector) => (await page.locator(selector).innerText()).replace(/\s+/g, " ").trim();

// From a page through its footer link: the form with topic and page filled in, the error state, then sent.
async function reportFrom(page, label) {
  await page.goto(base + config.eventPath, { waitUntil: "load" });
  await page.locator(".site-footer").getByRole("link", { name: "Barriere melden" }).click();
  await page.waitForLoadState("load");
  const url = new URL(page.url());
  result.steps.push(`${at()} ${label} form ${url.pathname}${url.search}`);
  result.prefilled[label] = { path: url.pathname, topic: await page.locator("#id_topic").inputValue(),
    page: await page.locator("#id_page").inputValue() };
  await axe(page, `form${label === "phone" ? "-phone" : ""}`);
  await shoot(page, `${label}-form`);
  // Sent without a message: the summary at the top, the error at the field.
  await page.getByRole("button", { name: "Nachricht senden" }).click();
  await page.waitForLoadState("load");
  result.prefilled[`${label}-after-error`] = { topic: await page.locator("#id_topic").inputValue(),
    page: await page.locator("#id_page").inputValue() };
  result[`${label}ErrorSummary`] = await text(page, ".feedback__summary");
  result[`${label}MessageDescribedBy`] = await page.locator("#id_message").getAttribute("aria-describedby");
  await axe(page, `error${label === "phone" ? "-phone" : ""}`);
  await shoot(page, `${label}-error`);
}

try {
  const visitor = await newPage("visitor");
  await reportFrom(visitor, "desktop");
  await visitor.getByLabel(/^Ihre Nachricht/).fill(config.message);
  await visitor.getByLabel(/^Name/).fill(config.visitor.name);
  await visitor.getByLabel(/^E-Mail-Adresse/).fill(config.visitor.email);
  await visitor.getByRole("button", { name: "Nachricht senden" }).click();
  await visitor.waitForLoadState("load");
  result.donePath = new URL(visitor.url()).pathname;
  result.done = await text(visitor, "main");
  await axe(visitor, "done");
  await shoot(visitor, "done");
  // The browser's "reload" of the confirmation sends nothing again (POST-redirect-GET).
  await visitor.reload({ waitUntil: "load" });
  result.steps.push(`${at()} sent`);

  const toIqz = await mailTo(config.iqzAddress, "Neue Rückmeldung");
  const receipt = await mailTo(config.visitor.email, "Ihre Nachricht ist eingegangen");
  result.mails = { iqz: toIqz, receipt };
  result.steps.push(`${at()} both mails arrived`);

  // The IQZ editor: log in, open the message through the mail's link, then find it in the filtered list.
  const editor = await newPage("iqz");
  await editor.goto(`${base}/admin/login/`, { waitUntil: "load" });
  await editor.locator("#id_username").fill(config.editor.username);
  await editor.locator("#id_password").fill(config.editor.password);
  await editor.locator('input[type="submit"], button[type="submit"]').first().click();
  await editor.waitForLoadState("load");
  const adminLink = toIqz.body.match(/https?:\/\/\S+\/admin\/feedback\/feedback\/\d+\/change\//);
  if (!adminLink) throw new Error("no admin link in the IQZ's mail");
  await editor.goto(adminLink[0], { waitUntil: "load" });
  result.adminChange = await text(editor, "#content");
  await shoot(editor, "admin-change");
  await editor.goto(`${base}/admin/feedback/feedback/?topic__exact=barriere&status__exact=neu`, { waitUntil: "load" });
  result.adminList = await text(editor, "#result_list");
  result.steps.push(`${at()} found in the admin`);

  const phone = await newPage("phone", PHONE);
  await reportFrom(phone, "phone");
  result.phoneOverflow = await phone.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
} catch (error) {
  result.errors.push(String(error.stack || error));
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(result, null, 1));
