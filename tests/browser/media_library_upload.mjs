// A municipal editor drops a file on a folder of the media library they may not upload into, in headless
// Chromium: the refusal must say why, stay on screen, and not leave the counter "Hochladen 0/1" standing.
// A drop is given to the folder list's Dropzone through Dropzone's own API (addFile: what a drop does).
//
//   node media_library_upload.mjs config.json > results.json
//
// config: {baseUrl, executablePath, username, password, folderPath, pngBase64, screenshots: {notice, refused}}

import { readFileSync } from "node:fs";
import { chromium } from "playwright-core";

const config = JSON.parse(readFileSync(process.argv[2], "utf8"));
const base = config.baseUrl;
const result = { errors: [], pageErrors: [] };

const browser = await chromium.launch({
  executablePath: config.executablePath,
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "de-DE" });
const page = await context.newPage();
page.on("pageerror", (error) => result.pageErrors.push(String(error)));

const visible = (selector) => page.$$eval(selector, (nodes) => nodes.some(
  (node) => !node.closest(".hidden, [hidden]") && node.getClientRects().length > 0));

try {
  await page.goto(`${base}/admin/login/?next=${encodeURIComponent(config.folderPath)}`);
  await page.fill("#id_username", config.username);
  await page.fill("#id_password", config.password);
  await Promise.all([page.waitForNavigation(), page.click("[type=submit]")]);
  result.landed = new URL(page.url()).pathname;
  result.notice = (await page.textContent(".portal-public-files-notice")).replace(/\s+/g, " ").trim();
  await page.screenshot({ path: config.screenshots.notice, fullPage: false });

  await page.evaluate((pngBase64) => {
    const dropzone = document.querySelector(".js-filer-dropzone-base").dropzone;
    const bytes = Uint8Array.from(atob(pngBase64), (c) => c.charCodeAt(0));
    dropzone.addFile(new File([bytes], "browsertest.png", { type: "image/png", lastModified: Date.now() }));
  }, config.pngBase64);
  await page.waitForSelector(".js-portal-upload-refusals li", { timeout: 15000 });
  // filer took its own message away after 5 seconds: this one stays
  await page.waitForTimeout(6000);
  result.refusals = await page.$$eval(".js-portal-upload-refusals li",
    (items) => items.map((li) => [li.className, li.textContent]));
  result.role = await page.getAttribute(".js-portal-upload-refusals", "role");
  result.counterVisible = await visible(".js-filer-upload-count");
  result.counterText = (await page.textContent(".js-filer-dropzone-upload-number")).trim();
  result.overlayVisible = await visible(".js-filer-dropzone-info-message");
  await page.screenshot({ path: config.screenshots.refused, fullPage: false });
} catch (error) {
  result.errors.push(String(error.stack || error));
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(result));
