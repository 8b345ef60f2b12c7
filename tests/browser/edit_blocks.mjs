// A municipal editor puts every content block on their city's page in headless Chromium, the way
// the django CMS editor does it: the login form, "Neuer Entwurf" in the toolbar, each block's form
// (the one the structure board opens in its dialog), the preview, "Veröffentlichen". An anonymous
// visitor checks the page before and after; then axe-core (desktop and phone) and a screenshot of
// the page holding every block.
//
//   node edit_blocks.mjs config.json > results.json
//
// config: {baseUrl, executablePath, mediaRoot, screenshot, username, password, pagePath,
//          placeholderName, files: {image, pdf, audio, captions}, linkTarget, markers: [...], adminLists: [...]}
// The portal's app server does not serve uploaded files (nginx does, README "Deployment"); this
// script answers /media/ from the test's media folder instead, as nginx would.

import { readFileSync, existsSync } from "node:fs";
import { chromium } from "playwright-core";
import { axeSource, AXE_TAGS } from "./axe.mjs";

const config = JSON.parse(readFileSync(process.argv[2], "utf8"));
const base = config.baseUrl;
const VIEWPORTS = {
  desktop: { viewport: { width: 1280, height: 800 } },
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
};
const result = { steps: [], errors: [], before: {}, preview: {}, after: {}, formErrors: {}, axe: {}, overflow: {},
  consoleErrors: [], pageErrors: [], blocksAdded: [] };

const browser = await chromium.launch({
  executablePath: config.executablePath,
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});

async function newContext(options = VIEWPORTS.desktop, extra = {}) {
  const context = await browser.newContext({ ...options, locale: "de-DE", serviceWorkers: "block", ...extra });
  await context.route(`${base}/media/**`, async (route) => {
    const path = decodeURIComponent(new URL(route.request().url()).pathname.slice("/media/".length));
    const file = `${config.mediaRoot}/${path}`;
    if (path.includes("..") || !existsSync(file)) return route.fulfill({ status: 404, body: "" });
    return route.fulfill({ path: file });
  });
  return context;
}

function watch(page, label) {
  page.on("console", (message) => {
    if (message.type() === "error") result.consoleErrors.push(`${label}: ${message.text()}`);
  });
  page.on("pageerror", (error) => result.pageErrors.push(`${label}: ${error}`));
}

// Which of the marker texts the page shows (the text of <main>, folded answers included).
async function markersOn(page, path) {
  const response = await page.goto(base + path, { waitUntil: "load" });
  const text = await page.evaluate(() => (document.querySelector("main") || document.body).textContent);
  const shown = config.markers.filter((m) => text.includes(m));
  const places = shown.map((m) => text.indexOf(m));
  return { status: response.status(), shown, inOrder: places.every((place, i) => i === 0 || place > places[i - 1]) };
}

const visitor = await newContext();
const visitorPage = await visitor.newPage();
watch(visitorPage, "visitor");
result.before = await markersOn(visitorPage, config.pagePath);

const editor = await newContext();
const page = await editor.newPage();
watch(page, "editor");
let placeholderId = null;
let position = 0;

// One block: its form in the dialog's page, filled as the editor does, saved. Returns the plugin
// data django CMS sends back to the structure board (plugin_id, the plugin tree).
// `refused`: {field, fix} - the first save must fail at that field; fix() then completes the form.
// `at`: a position inside the tree (django CMS numbers a placeholder's plugins 1, 2, … in tree
// order); by default the block goes to the end.
async function addBlock(pluginType, fill, { parent = null, refused = null, at = null } = {}) {
  let url = `${base}/admin/cms/placeholder/add-plugin/?placeholder_id=${placeholderId}`
    + `&plugin_type=${pluginType}&plugin_language=de&plugin_position=${at || position + 1}`;
  if (parent) url += `&plugin_parent=${parent}`;
  const response = await page.goto(url, { waitUntil: "load" });
  if (response.status() !== 200) {
    throw new Error(`${pluginType} form: ${response.status()} ${url} ${(await page.textContent("body")).slice(0, 300)}`);
  }
  await fill(page);
  await Promise.all([page.waitForLoadState("load"), page.waitForNavigation(), page.click("input[name=_save]")]);
  if (refused) {
    result.formErrors[pluginType] = await page.$$eval(`.field-${refused.field} .errorlist li`,
      (items) => items.map((li) => li.textContent.trim()));
    await refused.fix(page);
    await Promise.all([page.waitForNavigation(), page.click("input[name=_save]")]);
  }
  const bridge = await page.$("#data-bridge");
  if (!bridge) {
    const errors = await page.$$eval(".errorlist li", (items) => items.map((li) => li.textContent.trim()));
    throw new Error(`${pluginType} not saved: ${errors.join(" | ") || (await page.content()).slice(0, 800)}`);
  }
  const data = JSON.parse(await bridge.textContent());
  // The end of the tree: the saved block's tree (a child's: its parent's) ends the placeholder, unless
  // it went in between.
  const root = data.structure.content?.[0];
  position = at || !root ? position + 1 : root.position + root.pluginIds.length - 1;
  result.blocksAdded.push(pluginType);
  return data;
}

const setValue = (selector, value) => page.$eval(selector, (el, v) => { el.value = v; }, String(value));

try {
  // The login form, then the page as the editor sees it (the toolbar on top).
  await page.goto(`${base}/admin/login/?next=${encodeURIComponent(config.pagePath)}`);
  await page.fill("#id_username", config.username);
  await page.fill("#id_password", config.password);
  await Promise.all([page.waitForNavigation(), page.click("[type=submit]")]);
  result.steps.push(`login -> ${new URL(page.url()).pathname}`);

  // "Neuer Entwurf": djangocms-versioning copies the published version and opens it in edit mode.
  await Promise.all([page.waitForURL(/\/edit\/\d+\//), page.click(".cms-toolbar .cms-versioning-js-edit-btn")]);
  const editUrl = page.url();
  result.steps.push(`new draft -> ${new URL(editUrl).pathname}`);
  const structure = await page.evaluate(() => (window.CMS?._plugins || []).map((p) => p[1]));
  const placeholder = structure.find((p) => p.type === "placeholder" && p.name === config.placeholderName);
  if (!placeholder) throw new Error(`no placeholder ${config.placeholderName}: ${JSON.stringify(structure)}`);
  placeholderId = placeholder.placeholder_id;
  position = structure.filter((p) => p.type === "plugin" && String(p.placeholder_id) === String(placeholderId)).length;
  result.steps.push(`placeholder holds ${position} plugins`);

  const f = config.files;
  // Image: saved without alt text first (the form refuses and keeps what was typed), then described.
  await addBlock("ImageBlockPlugin", async (p) => {
    await setValue("#id_image", f.image);
    await p.fill("#id_caption", "Bildunterschrift Browsertest");
    await p.fill("#id_credit", "Grafik: Browsertest, CC0");
  }, { refused: { field: "alt", fix: async (p) => {
    result.formErrors.keptCaption = await p.inputValue("#id_caption");
    await p.fill("#id_alt", "Alternativtext Browsertest");
  } } });
  await addBlock("DownloadBlockPlugin", async (p) => {
    await setValue("#id_file", f.pdf);
    await p.fill("#id_title", "Download Browsertest");
    await p.selectOption("#id_document_language", "de");
    await p.check("#id_not_accessible");
  });
  // Link to a page of the portal, picked in djangocms-link's search box.
  await addBlock("LinkBlockPlugin", async (p) => {
    await p.fill("#id_text", "Schaltfläche Browsertest");
    await p.selectOption("#id_link_0", "internal_link");
    await p.click(".field-link .select2-selection");
    await p.fill(".select2-search__field", config.linkTarget);
    await p.click(`.select2-results__option:has-text("${config.linkTarget}")`);
    await p.selectOption("#id_style", "button");
  });
  const grid = await addBlock("TeaserGridPlugin", (p) => p.fill("#id_title", "Teaser Browsertest"));
  await addBlock("TeaserCardPlugin", async (p) => {
    await p.fill("#id_title", "Teaserkarte Browsertest");
    await p.fill("#id_text", "Kurztext Browsertest");
    await p.selectOption("#id_link_0", "external_link");
    await p.fill("#id_link_1", "https://example.org/browsertest");
    await setValue("#id_image", f.image);
    await p.check("#id_decorative");
  }, { parent: grid.plugin_id });
  await addBlock("ContactBlockPlugin", async (p) => {
    await p.fill("#id_name", "Kontakt Browsertest");
    await p.fill("#id_role", "Familienbüro");
    await p.fill("#id_phone", "0234 910-1234");
    await p.fill("#id_email", "browsertest@example.org");
    await p.fill("#id_address", "Rathausplatz 1\n44787 Bochum");
  });
  const accordion = await addBlock("AccordionPlugin", (p) => p.fill("#id_title", "Fragen Browsertest"));
  const item = await addBlock("AccordionItemPlugin", (p) => p.fill("#id_question", "Frage Browsertest?"),
    { parent: accordion.plugin_id });
  await addBlock("LinkBlockPlugin", async (p) => {
    await p.fill("#id_text", "Antwortlink Browsertest");
    await p.selectOption("#id_link_0", "external_link");
    await p.fill("#id_link_1", "https://example.org/antwort");
  }, { parent: item.plugin_id });
  const columns = await addBlock("TwoColumnsPlugin", (p) => p.selectOption("#id_ratio", "2-1"));
  // django CMS lists the tree's plugins last first.
  const columnIds = columns.structure.plugins.filter((p) => p.plugin_type === "ColumnPlugin").map((p) => p.plugin_id)
    .reverse();
  result.steps.push(`two columns came with ${columnIds.length} columns`);
  // The second column's block at the end, the first one's right behind the first column.
  await addBlock("ContactBlockPlugin", (p) => p.fill("#id_name", "Spalte 2 Browsertest"), { parent: columnIds[1] });
  await addBlock("ContactBlockPlugin", (p) => p.fill("#id_name", "Spalte 1 Browsertest"),
    { parent: columnIds[0], at: columns.structure.content[0].position + 2 });
  await addBlock("MediaBlockPlugin", async (p) => {
    await p.fill("#id_title", "Audio Browsertest");
    await setValue("#id_source", f.audio);
    await setValue("#id_captions", f.captions);
    await p.fill("#id_transcript", "Transkript Browsertest");
  });

  // Preview of the draft (the visitor still sees the published page).
  const previewUrl = editUrl.replace("/edit/", "/preview/");
  result.preview = await markersOn(page, new URL(previewUrl).pathname + new URL(previewUrl).search);
  result.beforePublish = await markersOn(visitorPage, config.pagePath);

  // "Veröffentlichen" in edit mode.
  await page.goto(editUrl, { waitUntil: "load" });
  await Promise.all([page.waitForNavigation(), page.click(".cms-toolbar .cms-versioning-js-publish-btn")]);
  result.steps.push(`published -> ${new URL(page.url()).pathname}`);

  // The anonymous visitor, at once (the page cache is on).
  result.after = await markersOn(visitorPage, config.pagePath);

  // The editor's long lists at 1,280 px: no column pushed out of sight (the list scrolling sideways).
  result.adminLists = {};
  for (const path of config.adminLists || []) {
    await page.goto(base + path, { waitUntil: "load" });
    result.adminLists[path] = await page.evaluate(() => {
      const results = document.querySelector("#changelist .results");
      return { rows: document.querySelectorAll("#result_list tbody tr").length,
        scrollsSideways: !results || results.scrollWidth > results.clientWidth + 1
          || document.documentElement.scrollWidth > document.documentElement.clientWidth };
    });
  }

  for (const [name, options] of Object.entries(VIEWPORTS)) {
    const context = await newContext(options);
    const shown = await context.newPage();
    watch(shown, `visitor ${name}`);
    await shown.goto(base + config.pagePath, { waitUntil: "load" });
    result.overflow[name] = await shown.evaluate(() => document.documentElement.scrollWidth
      > document.documentElement.clientWidth);
    if (name === "desktop") {
      // Every answer unfolded, the whole page in one viewport (see check_pages.mjs).
      await shown.evaluate(() => document.querySelectorAll("details").forEach((d) => { d.open = true; }));
      const height = await shown.evaluate(() => document.documentElement.scrollHeight);
      await shown.setViewportSize({ width: 1280, height: Math.min(height, 8000) });
      const box = await shown.evaluate(() => {
        const main = document.querySelector("main");
        const r = main.getBoundingClientRect();
        return { x: Math.max(0, r.left - 16), y: Math.max(0, r.top + window.scrollY - 16), width: r.width + 32,
          height: r.height + 32 };
      });
      await shown.screenshot({ path: config.screenshot, clip: box, type: "png" });
    }
    await context.close();
    // axe in a context that may inject its script (the site's CSP stays as it is for the pages above).
    const axeContext = await newContext(options, { bypassCSP: true });
    const axePage = await axeContext.newPage();
    await axePage.goto(base + config.pagePath, { waitUntil: "load" });
    await axePage.evaluate(axeSource);
    result.axe[name] = await axePage.evaluate(async (tags) => {
      const outcome = await window.axe.run(document, { runOnly: { type: "tag", values: tags } });
      return { passes: outcome.passes.length, violations: outcome.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(" ")) })) };
    }, AXE_TAGS);
    await axeContext.close();
  }
} catch (error) {
  result.errors.push(String(error.stack || error));
  try { await page.screenshot({ path: `${config.screenshot}.failure.png` }); } catch { /* closed */ }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(result, null, 1));
