// No dead ends for editors, in headless Chromium: `iqz` approves a profile draft and lands on the published
// profile's form with the message (not on the merged draft's gone address); in an event's form the series in
// words follows the series fields while `iqz` types ("… – ergibt 5 Termine"), and bad input gets a message.
//
//   node editor_deadends.mjs config.json > results.json
//
// config: {baseUrl, executablePath, screenshotDir, password, profile: {draftId, originalId}, event: {id, exdate}}

import { readFileSync } from "node:fs";
import { chromium } from "playwright-core";

const config = JSON.parse(readFileSync(process.argv[2], "utf8"));
const base = config.baseUrl;
const WAIT_MS = 60000;
const result = { steps: [], errors: [], consoleErrors: [], pageErrors: [] };

const browser = await chromium.launch({
  executablePath: config.executablePath,
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "de-DE",
  timezoneId: "Europe/Berlin", serviceWorkers: "block" });
context.setDefaultTimeout(WAIT_MS);
context.setDefaultNavigationTimeout(WAIT_MS);
const page = await context.newPage();
page.on("pageerror", (error) => result.pageErrors.push(String(error)));
page.on("response", (response) => {
  if (response.status() >= 400) result.consoleErrors.push(`${response.status()} ${response.url()}`);
});
const shoot = (name) => page.screenshot({ path: `${config.screenshotDir}/deadends-${name}.png`, fullPage: true });
const words = () => page.$eval("output.series-in-words", (output) => output.textContent.trim());

async function waitForWords(fragment) {
  await page.waitForFunction((text) => {
    const output = document.querySelector("output.series-in-words");
    return output && output.textContent.includes(text);
  }, fragment);
  return words();
}

try {
  await page.goto(`${base}/admin/login/?next=/admin/`);
  await page.fill("#id_username", "iqz");
  await page.fill("#id_password", config.password);
  await Promise.all([page.waitForNavigation(), page.click("[type=submit]")]);
  result.steps.push("login");

  // --- approving a profile draft lands on the published profile, with the message ------------------
  await page.goto(`${base}/admin/managers/familymanager/${config.profile.draftId}/pruefung/freigeben/`);
  await page.waitForSelector("#id_comment");
  result.compareLink = await page.$$eval("a", (links) => links.some((a) => a.href.includes("/entwurf/vergleich/")));
  await Promise.all([page.waitForNavigation(), page.click("#content-main [type=submit]")]);
  result.landing = {
    path: new URL(page.url()).pathname,
    title: await page.title(),
    messages: await page.$$eval(".messagelist li", (items) => items.map((li) => li.textContent.trim())),
  };
  await shoot("1-profile-approved");
  result.steps.push("profile approved");

  // --- the series in words while typing ----------------------------------------------------------
  await page.goto(`${base}/admin/events/event/${config.event.id}/change/`);
  await page.waitForSelector("output.series-in-words[aria-live=polite]");
  result.wordsAsSaved = await words();
  await page.selectOption("#id_repeat", "weekly");
  await page.fill("#id_repeat_until", "");
  await page.fill("#id_repeat_count", "6");
  await page.fill("#id_exdates", config.event.exdate);
  result.wordsTyped = await waitForWords("ergibt 5 Termine");
  await page.locator(".field-series_summary").scrollIntoViewIfNeeded();
  await shoot("2-series-words");
  await page.fill("#id_repeat_count", "0");
  result.wordsBad = await waitForWords("Anzahl der Termine:");
  await shoot("3-series-words-bad-input");
  result.steps.push("series in words");
} catch (error) {
  result.errors.push(String(error.stack || error));
  try { await shoot("failure"); } catch { /* closed */ }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(result, null, 1));
