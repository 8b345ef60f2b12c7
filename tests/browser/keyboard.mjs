// Keyboard use of each page type in headless Chromium: from the top of the page, Tab after Tab, the
// focused elements in order. Reports per page:
//   skipLink: the first Tab lands on the skip link, Enter moves focus to <main>, the next Tab goes on
//             from there (into <main> or, if it holds nothing to focus, after it)
//   sequence: the focused elements (short descriptions), until focus leaves the page
//   problems: positive tabindex, focus on something invisible, focus without a visible indicator
//             (outline, box-shadow, border, background or underline unchanged against the unfocused
//             element), focus outside the window, focus going back up the page (against the DOM
//             order), an element focused twice (a trap) or no end after the page's focusable count
//   unreached: the page's `reach` selectors no Tab came to (language chooser, menus, forms, calendar)
//
//   node keyboard.mjs config.json > results.json
//
// config: {baseUrl, executablePath, screenshotDir, pages: [{name, path, reach: [css selector, ...], screenshot}]}

import { readFileSync, mkdirSync } from "node:fs";
import { chromium } from "playwright-core";

const config = JSON.parse(readFileSync(process.argv[2], "utf8"));
const DESKTOP = { viewport: { width: 1280, height: 800 } };
const PARALLEL = 2;  // pages at a time, each taking the next: the machine has two cores
mkdirSync(config.screenshotDir, { recursive: true });

const browser = await chromium.launch({
  executablePath: config.executablePath,
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});

// In the page: remember how every focusable element looks unfocused (the indicator is compared to it).
function rememberUnfocused() {
  const keys = ["outlineStyle", "outlineWidth", "outlineColor", "boxShadow", "borderTopColor", "borderBottomColor",
    "borderBottomWidth", "backgroundColor", "textDecorationLine", "color", "fill", "stroke", "strokeWidth"];
  // The element and the shapes of an SVG link (a map marker shows its focus on its circle).
  const parts = (el) => [el, ...el.querySelectorAll("circle, rect, path, polygon")].slice(0, 4);
  const snapshot = (el) => parts(el).map((part) => {
    const style = getComputedStyle(part);
    return Object.fromEntries(keys.map((k) => [k, style[k]]));
  });
  window.__kbd = { snapshot, styles: new Map(), index: new Map() };
  [...document.querySelectorAll("*")].forEach((el, i) => window.__kbd.index.set(el, i));
  for (const el of document.querySelectorAll("a[href], button, input, select, textarea, summary, [tabindex], audio, video, iframe")) {
    window.__kbd.styles.set(el, snapshot(el));
  }
}

// In the page: the focused element, described and checked.
function describeFocus() {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return { end: true };
  const { snapshot, styles, index } = window.__kbd;
  const text = (el.getAttribute("aria-label") || el.innerText || el.value || el.getAttribute("name") || "")
    .trim().replace(/\s+/g, " ").slice(0, 40);
  const id = `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${typeof el.className === "string" && el.className.trim()
    ? "." + el.className.trim().split(/\s+/).join(".") : ""}${text ? ` "${text}"` : ""}`;
  const rect = el.getBoundingClientRect();
  const style = getComputedStyle(el);
  const visible = rect.width > 0 && rect.height > 0 && el.checkVisibility({ opacityProperty: true, visibilityProperty: true })
    && !el.closest("[hidden], [aria-hidden='true'], [inert]");
  const inWindow = rect.bottom > 0 && rect.top < window.innerHeight && rect.right > 0 && rect.left < window.innerWidth;
  const before = styles.get(el) || [];
  const now = snapshot(el);
  const outline = now[0].outlineStyle !== "none" && parseFloat(now[0].outlineWidth) >= 1
    && !/rgba\(\d+, \d+, \d+, 0\)/.test(now[0].outlineColor);
  const changed = now.some((part, i) => before[i] && Object.keys(part).some((k) => k !== "outlineColor" && part[k] !== before[i][k]));
  const indicator = outline || changed;
  const main = document.querySelector("main");
  const afterMain = Boolean(main && (main.contains(el) || main.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING));
  return {
    id, tabindex: el.getAttribute("tabindex"), visible, inWindow, indicator, position: index.get(el) ?? -1,
    afterMain, isMain: el.tagName === "MAIN",
    matches: (window.__kbdReach || []).filter((selector) => el.matches(selector)),
  };
}

async function checkPage(context, entry) {
  const result = { name: entry.name, path: entry.path, sequence: [], problems: [], unreached: [], skipLink: {} };
  const page = await context.newPage();
  const load = async () => {
    await page.goto(config.baseUrl + entry.path, { waitUntil: "load", timeout: 30000 });
    await page.evaluate(rememberUnfocused);
    await page.evaluate((reach) => { window.__kbdReach = reach; }, entry.reach || []);
  };
  try {
    // 1. The skip link: first, visible when focused, and it takes focus to <main>.
    await load();
    await page.keyboard.press("Tab");
    const first = await page.evaluate(describeFocus);
    const isSkip = await page.evaluate(() => document.activeElement?.classList.contains("skip-link")
      && document.activeElement.getAttribute("href") === `#${document.querySelector("main")?.id}`);
    await page.keyboard.press("Enter");
    const afterEnter = await page.evaluate(describeFocus);
    await page.keyboard.press("Tab");
    const next = await page.evaluate(describeFocus);
    result.skipLink = { first: first.id, isSkipLink: Boolean(isSkip), visible: Boolean(first.visible),
      focusOnMain: Boolean(afterEnter.isMain), nextAfterMain: Boolean(next.afterMain) };

    // 2. Everything, Tab after Tab, from the top.
    await load();
    const limit = await page.evaluate(() => document.querySelectorAll(
      "a[href], button, input, select, textarea, summary, [tabindex], audio, video, iframe").length * 3 + 10);
    const seen = new Set();
    const reached = new Set();
    let last = -1;
    for (let i = 0; ; i++) {
      if (i > limit) { result.problems.push(`no end after ${limit} Tabs (a keyboard trap?)`); break; }
      await page.keyboard.press("Tab");
      const focus = await page.evaluate(describeFocus);
      if (focus.end) break;
      const key = `${focus.position}`;
      if (focus.position === last) continue;  // the day, month and year of a date field: one element, three stops
      if (seen.has(key)) {
        if (focus.position === result.sequence[0]?.position) break;  // round again from the top: the end
        result.problems.push(`${focus.id} focused a second time (a trap?)`);
        break;
      }
      seen.add(key);
      result.sequence.push({ id: focus.id, position: focus.position });
      focus.matches.forEach((selector) => reached.add(selector));
      if (focus.tabindex !== null && Number(focus.tabindex) > 0) result.problems.push(`${focus.id}: tabindex ${focus.tabindex}`);
      if (!focus.visible) result.problems.push(`${focus.id}: focused but not visible`);
      else if (!focus.indicator) result.problems.push(`${focus.id}: no visible focus indicator`);
      if (focus.visible && !focus.inWindow) result.problems.push(`${focus.id}: focused outside the window`);
      if (focus.position < last) result.problems.push(`${focus.id}: focus goes back up the page`);
      last = focus.position;
    }
    result.unreached = (entry.reach || []).filter((selector) => !reached.has(selector));
    if (entry.screenshot) {
      // The focus indicator as it looks: the first element inside <main>, focused from the keyboard.
      await load();
      await page.keyboard.press("Tab");
      await page.keyboard.press("Enter");
      await page.keyboard.press("Tab");
      await page.screenshot({ path: `${config.screenshotDir}/keyboard-${entry.name}.png` });
    }
  } catch (error) {
    result.problems.push(String(error.stack || error));
  } finally {
    await page.close();
  }
  return result;
}

const results = [];
const started = Date.now();
try {
  const context = await browser.newContext({ ...DESKTOP, locale: "de-DE", serviceWorkers: "block" });
  const queue = [...config.pages];
  const worker = async () => {
    for (let entry = queue.shift(); entry; entry = queue.shift()) results.push(await checkPage(context, entry));
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  await context.close();
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify({ seconds: (Date.now() - started) / 1000, results }, null, 1));
