import { AsyncLocalStorage } from "node:async_hooks";
import { en } from "./en";
import { ja } from "./ja";

/** A key of the message catalog. The English catalog defines the set of keys. */
export type MessageKey = keyof typeof en;

/**
 * A complete message catalog. Another locale's catalog is typed as `Catalog`, so the compiler
 * rejects it when a key is missing or extra. Placeholders must match the English template's; the
 * catalog tests compare them with `placeholdersOf`.
 */
export type Catalog = Readonly<Record<MessageKey, string>>;

/** A language the bot writes messages in. */
export type Locale = "en" | "ja";

export const catalogs: Readonly<Record<Locale, Catalog>> = { en, ja };

/** The locale of the message being built, set by `withLocale` for everything `fn` calls or awaits. */
const localeStorage = new AsyncLocalStorage<Locale>();

/**
 * Runs `fn` with `locale` as the current locale, so every `t()` call inside it, including calls
 * after an `await` in an async `fn`, renders in that language. Nested calls override the outer
 * locale until they return.
 */
export function withLocale<T>(locale: Locale, fn: () => T): T {
	return localeStorage.run(locale, fn);
}

/** Returns the locale set by the innermost `withLocale`, or English outside any `withLocale`. */
export function currentLocale(): Locale {
	return localeStorage.getStore() ?? "en";
}

const PLACEHOLDER = /\{([A-Za-z0-9_]+)\}/g;

/**
 * Renders a catalog message in `locale`, by default the current one (see `withLocale`), replacing
 * each `{name}` with `params[name]`. Never throws: a placeholder without a param stays visible in
 * the output, which the catalog tests detect.
 */
export function t(
	key: MessageKey,
	params: Readonly<Record<string, string | number>> = {},
	locale: Locale = currentLocale(),
): string {
	const template = catalogs[locale][key];

	return template.replace(PLACEHOLDER, (placeholder, name: string) => {
		const value = Object.hasOwn(params, name) ? params[name] : undefined;
		return value === undefined ? placeholder : String(value);
	});
}

/** Returns the placeholder names of a template in order of first appearance, without repeats. */
export function placeholdersOf(template: string): string[] {
	const names = new Set<string>();
	for (const match of template.matchAll(PLACEHOLDER)) {
		names.add(match[1]);
	}
	return [...names];
}
