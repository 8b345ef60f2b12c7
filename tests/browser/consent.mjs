// Withdrawn consent in headless Chromium: an anonymous visitor sees a Bochum profile (directory, map,
// profile page, photo); `bochum` unticks the consent and saves; the visitor's next requests find the
// person nowhere and the photo's URL answers 404 (tests/browser/test_consent.py).
//
//   node consent.mjs config.json > results.json
//
// config: {baseUrl, executablePath, screenshotDir, mediaRoot, password, profile: {id, path, name}}

import { existsSync, readFileSync } from "node:fs";
import { chromium } from "playwright-core";

const config = JSON.parse(readFileSync(process.argv[2], "utf8"));
const base = config.baseUrl;
const profile = config.profile;
const WAIT_MS = 60000;
const result = { steps: [], errors: [], before: {}, after: {}, message: "" };

const browser = await chromium.launch({
  executablePath: config.executablePath,
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});

async function person() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "de-DE",
    timezoneId: "Europe/Berlin", serviceWorkers: "block" });
  // Uploaded files come from the media folder, as nginx serves them (the app server does not).
  await context.route(`${base}/media/**`, async (route) => {
    const path = decodeURIComponent(new URL(route.request().url()).pathname.slice("/media/".length));
    const file = `${config.mediaRoot}/${path}`;
    if (path.includes("..") || !existsSync(file)) return route.fulfill({ status: 404, contentType: "text/plain", body: "404 Not Found" });
    return route.fulfill({ path: file });
  });
  context.setDefaultTimeout(WAIT_MS);
  context.setDefaultNavigationTimeout(WAIT_MS);
  return context.newPage();
}

const shoot = (page, name) => page.screenshot({ path: `${config.screenshotDir}/consent-${name}.png`, fullPage: true });

// What the visitor finds: in the directory (searched by name), Bochum's count on the map, the profile
// page's status, the photo's status.
async function look(page, state, photoUrl, prefix) {
  await page.goto(`${base}/familienmanager/?q=${encodeURIComponent(profile.name)}`);
  state.directory = (await page.locator("main").innerText()).includes(profile.name);
  if (prefix) await shoot(page, `${prefix}-directory`);
  await page.goto(`${base}/familienmanager/karte/`);
  const label = await page.locator('[aria-label^="Bochum: "]').first().getAttribute("aria-label");
  state.mapCount = Number(/Bochum: (\d+)/.exec(label)[1]);
  if (prefix) await shoot(page, `${prefix}-map`);
  const response = await page.goto(`${base}${profile.path}`);
  state.profile = response.status();
  if (prefix) await shoot(page, `${prefix}-profile`);
  if (photoUrl) state.photo = (await page.goto(photoUrl)).status();
}

try {
  const visitor = await person();
  await visitor.goto(`${base}${profile.path}`);
  const photoUrl = new URL(await visitor.locator(".manager-profile__photo").getAttribute("src"), base).href;
  await shoot(visitor, "1-visitor-before");
  await look(visitor, result.before, photoUrl, null);
  result.steps.push("visitor before");

  const editor = await person();
  await editor.goto(`${base}/admin/login/?next=/admin/managers/familymanager/${profile.id}/change/`);
  await editor.fill("#id_username", "bochum");
  await editor.fill("#id_password", config.password);
  await Promise.all([editor.waitForNavigation(), editor.click("[type=submit]")]);
  await editor.waitForSelector("#id_consent_to_publication");
  await editor.uncheck("#id_consent_to_publication");
  await editor.locator("#id_consent_to_publication").scrollIntoViewIfNeeded();
  await shoot(editor, "2-bochum-form");
  await Promise.all([editor.waitForNavigation(), editor.click('[name="_save"]')]);
  const errors = await editor.$$eval(".errorlist li, .errornote", (items) => items.map((li) => li.textContent.trim()));
  if (errors.length) throw new Error(`save: ${errors.join(" | ")}`);
  result.message = (await editor.locator(".messagelist").innerText()).trim();
  await shoot(editor, "3-bochum-saved");
  result.steps.push("bochum withdrew");

  await look(visitor, result.after, photoUrl, null);
  await visitor.goto(`${base}/familienmanager/?q=${encodeURIComponent(profile.name)}`);
  await shoot(visitor, "4-visitor-directory");
  await visitor.goto(`${base}/familienmanager/karte/`);
  await shoot(visitor, "5-visitor-map");
  await visitor.goto(`${base}${profile.path}`);
  await shoot(visitor, "6-visitor-profile");
  result.steps.push("visitor after");
} catch (error) {
  result.errors.push(String(error && error.stack || error));
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(result));
