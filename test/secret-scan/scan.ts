import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type {
	SecretKind,
	SecretScanRecord,
} from "../../src/sandbox/secret-scan-record";

/**
 * Secrets shorter than this are not searched for, because a short string matches unrelated text.
 * Every password the bot generates has 32 characters, and the SAKURA emulator rejects passwords
 * under 8.
 */
export const MIN_SECRET_LENGTH = 8;

/** One artifact line, parsed, with the file and line it came from. */
export interface ScanLine {
	record: SecretScanRecord;
	/** The line exactly as written, which the scan searches. */
	text: string;
}

/** One place where a secret appeared where it must not. */
export interface Leak {
	kind: SecretKind;
	/** First 12 hex digits of the secret's SHA-256, so a report can name it without showing it. */
	secretHash: string;
	/** How the secret was written there: as is, JSON-escaped, or inside HTTP Basic credentials. */
	form: string;
	/** The artifact entry it appeared in, such as `log line "Run failed" (error)`. */
	where: string;
	/** The test file that wrote the entry, when known. */
	testFile?: string;
	/** How many entries of the same place and secret matched. */
	count: number;
}

export interface ScanResult {
	/** Distinct secrets searched for, by kind. */
	secrets: Record<SecretKind, number>;
	/** Secrets left out for being shorter than `MIN_SECRET_LENGTH`. */
	skippedShortSecrets: number;
	logLines: number;
	slackCalls: number;
	responseUrlPosts: number;
	storedItems: number;
	/** Dump failures of dynalite tables, each of which fails the scan. */
	dumpFailures: { testFile?: string; error: string }[];
	leaks: Leak[];
}

/** One string to look for, standing for one secret. */
interface Needle {
	text: string;
	kind: SecretKind;
	secretHash: string;
	form: string;
}

/** Reads every `.jsonl` artifact in `folder`, in file name order. */
export function readScanArtifacts(folder: string): ScanLine[] {
	const lines: ScanLine[] = [];
	const files = readdirSync(folder)
		.filter((name) => name.endsWith(".jsonl"))
		.sort();
	for (const name of files) {
		const content = readFileSync(join(folder, name), "utf8");
		for (const text of content.split("\n")) {
			if (text !== "") {
				lines.push({ record: JSON.parse(text) as SecretScanRecord, text });
			}
		}
	}
	return lines;
}

/**
 * Searches every artifact entry for every secret the stand-ins accepted.
 *
 * Rules:
 * - A registry password may appear only in a `chat.postMessage` whose channel is a user id (`U…`)
 *   or a DM channel id (`D…`), which is the requester's DM.
 * - A SAKURA access token or secret, the Slack bot token and a signing secret may appear nowhere.
 *
 * Only secrets a stand-in accepted count: passwords the SAKURA emulator stored, the key pairs it
 * accepts, the stand-in's bot token and every signing secret a test signed a request with. A
 * string a test makes up to check a rejection, such as a password it logs to test redaction, is
 * therefore no secret here. Each secret is searched for as written, JSON-escaped (how it appears
 * inside a serialized string) and, for a SAKURA key pair, as base64 HTTP Basic credentials.
 */
export function scanForLeaks(lines: readonly ScanLine[]): ScanResult {
	const result: ScanResult = {
		secrets: {
			"registry-password": 0,
			"sakura-access-token": 0,
			"sakura-access-token-secret": 0,
			"slack-bot-token": 0,
			"slack-signing-secret": 0,
		},
		skippedShortSecrets: 0,
		logLines: 0,
		slackCalls: 0,
		responseUrlPosts: 0,
		storedItems: 0,
		dumpFailures: [],
		leaks: [],
	};

	const needles = collectNeedles(lines, result);
	const index = new NeedleIndex(needles);
	/** Delivered DMs that carried each password, by its hash. */
	const deliveries = new Map<string, number>();
	const leaks = new Map<string, Leak>();

	for (const line of lines) {
		const { record } = line;
		switch (record.type) {
			case "secret":
				continue;
			case "dump-failed":
				result.dumpFailures.push({
					testFile: record.testFile,
					error: record.error,
				});
				continue;
			case "log-line":
				result.logLines++;
				break;
			case "slack-call":
				result.slackCalls++;
				break;
			case "response-url-post":
				result.responseUrlPosts++;
				break;
			case "stored-item":
				result.storedItems++;
				break;
		}

		const passwordAllowed = isRequesterDm(record);
		for (const needle of index.find(line.text)) {
			if (needle.kind === "registry-password" && passwordAllowed) {
				// A password goes out in one delivered DM; a second delivered copy is a leak too.
				if (record.type === "slack-call" && record.ok !== false) {
					const copies = (deliveries.get(needle.secretHash) ?? 0) + 1;
					deliveries.set(needle.secretHash, copies);
					if (copies < 2) {
						continue;
					}
				} else {
					continue;
				}
			}
			const where = describe(record);
			const key = `${needle.secretHash}\u0000${needle.form}\u0000${where}\u0000${record.testFile}`;
			const known = leaks.get(key);
			if (known === undefined) {
				leaks.set(key, {
					kind: needle.kind,
					secretHash: needle.secretHash,
					form: needle.form,
					where,
					testFile: record.testFile,
					count: 1,
				});
			} else {
				known.count++;
			}
		}
	}

	result.leaks = [...leaks.values()];
	return result;
}

/** Formats the one-line summary that the suite prints at its end. */
export function formatScanSummary(result: ScanResult): string {
	const secretCount = Object.values(result.secrets).reduce(
		(sum, count) => sum + count,
		0,
	);
	return [
		`Secret scan: ${result.secrets["registry-password"]} passwords and ${secretCount - result.secrets["registry-password"]} tokens and secrets`,
		`searched in ${result.logLines} log lines, ${result.slackCalls} Slack calls, ${result.responseUrlPosts} response_url posts`,
		`and ${result.storedItems} stored records. Leaks found: ${result.leaks.length}.`,
	].join(" ");
}

/**
 * Formats every leak and dump failure, one a line, naming the secret by its hash prefix only.
 * Returns an empty string when there are none.
 */
export function formatScanFailures(result: ScanResult): string {
	const lines = result.leaks.map(
		(leak) =>
			`${leak.kind} sha256:${leak.secretHash} (${leak.form}) in ${leak.where}` +
			`${leak.count > 1 ? ` ×${leak.count}` : ""}, test file ${leak.testFile ?? "unknown"}`,
	);
	for (const failure of result.dumpFailures) {
		lines.push(
			`dynalite tables could not be read (${failure.error}), test file ${failure.testFile ?? "unknown"}`,
		);
	}
	return lines.join("\n");
}

function collectNeedles(
	lines: readonly ScanLine[],
	result: ScanResult,
): Needle[] {
	const seen = new Set<string>();
	const needles: Needle[] = [];
	let pendingToken: string | undefined;

	const add = (kind: SecretKind, value: string) => {
		if (value.length < MIN_SECRET_LENGTH) {
			result.skippedShortSecrets++;
			return;
		}
		const secretHash = hashPrefix(value);
		for (const [form, text] of formsOf(value)) {
			const key = `${kind}\u0000${text}`;
			if (!seen.has(key)) {
				seen.add(key);
				needles.push({ text, kind, secretHash, form });
				if (form === "as written") {
					result.secrets[kind]++;
				}
			}
		}
	};

	for (const { record } of lines) {
		if (record.type !== "secret") {
			pendingToken = undefined;
			continue;
		}
		add(record.kind, record.value);

		// The emulator writes each key pair as a token followed by its secret.
		if (record.kind === "sakura-access-token") {
			pendingToken = record.value;
		} else if (
			record.kind === "sakura-access-token-secret" &&
			pendingToken !== undefined
		) {
			const basic = Buffer.from(`${pendingToken}:${record.value}`).toString(
				"base64",
			);
			const key = `${record.kind}\u0000${basic}`;
			if (!seen.has(key)) {
				seen.add(key);
				needles.push({
					text: basic,
					kind: record.kind,
					secretHash: hashPrefix(record.value),
					form: "base64 Basic credentials",
				});
			}
			pendingToken = undefined;
		}
	}
	return needles;
}

/** Returns the texts that stand for a secret inside a JSON line: as written, escaped once and twice. */
function formsOf(value: string): [string, string][] {
	const once = JSON.stringify(value).slice(1, -1);
	const twice = JSON.stringify(once).slice(1, -1);
	const forms: [string, string][] = [["as written", value]];
	if (once !== value) {
		forms.push(["JSON-escaped", once]);
	}
	if (twice !== once) {
		forms.push(["JSON-escaped twice", twice]);
	}
	return forms;
}

/** Checks whether the entry is a message to a user or a DM channel, the one place a password may go. */
function isRequesterDm(record: SecretScanRecord): boolean {
	if (record.type !== "slack-call" || record.method !== "chat.postMessage") {
		return false;
	}
	const channel = record.body.channel;
	return typeof channel === "string" && /^[UD][A-Z0-9]+$/.test(channel);
}

function describe(record: SecretScanRecord): string {
	switch (record.type) {
		case "log-line":
			return `log line ${JSON.stringify(record.message)} (${record.level})`;
		case "slack-call": {
			const channel = record.body.channel;
			return `Slack call ${record.method}${typeof channel === "string" ? ` to ${channel}` : ""}`;
		}
		case "response-url-post":
			return "response_url post";
		case "stored-item":
			return `stored item in table ${record.table}`;
		default:
			return record.type;
	}
}

function hashPrefix(value: string): string {
	return createHash("sha256").update(value).digest("hex").slice(0, 12);
}

/**
 * Finds needles in a text by their first `MIN_SECRET_LENGTH` characters: one map lookup per
 * position, then a full comparison on a hit. The cost grows with the text length, not with the
 * number of secrets.
 */
class NeedleIndex {
	readonly #byPrefix = new Map<string, Needle[]>();

	constructor(needles: readonly Needle[]) {
		for (const needle of needles) {
			const prefix = needle.text.slice(0, MIN_SECRET_LENGTH);
			const list = this.#byPrefix.get(prefix);
			if (list === undefined) {
				this.#byPrefix.set(prefix, [needle]);
			} else {
				list.push(needle);
			}
		}
	}

	find(text: string): Needle[] {
		const found = new Set<Needle>();
		if (this.#byPrefix.size === 0) {
			return [];
		}
		for (let i = 0; i + MIN_SECRET_LENGTH <= text.length; i++) {
			const candidates = this.#byPrefix.get(
				text.substring(i, i + MIN_SECRET_LENGTH),
			);
			if (candidates === undefined) {
				continue;
			}
			for (const needle of candidates) {
				if (text.startsWith(needle.text, i)) {
					found.add(needle);
				}
			}
		}
		return [...found];
	}
}
