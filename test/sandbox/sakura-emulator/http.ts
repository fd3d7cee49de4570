import { request as httpRequest } from "node:http";
import {
	SANDBOX_CREDENTIALS,
	type SakuraEmulator,
} from "../../../src/sandbox/sakura-emulator";

/** Builds a Basic `Authorization` header for a token and secret. */
export function basicAuth(
	accessToken = SANDBOX_CREDENTIALS.accessToken,
	accessTokenSecret = SANDBOX_CREDENTIALS.accessTokenSecret,
): string {
	return `Basic ${Buffer.from(`${accessToken}:${accessTokenSecret}`).toString("base64")}`;
}

/** Returns the `commonserviceitem` collection URL of one zone. */
export function collectionUrl(emulator: SakuraEmulator, zone = "is1a"): string {
	return `${emulator.rootUrl}/${zone}/api/cloud/1.1/commonserviceitem`;
}

export interface CallOptions {
	/** Sent as JSON. */
	body?: unknown;
	/** Sent as is, for bodies that are not JSON. */
	rawBody?: string;
	/** `null` sends no Authorization header. */
	authorization?: string | null;
	bigintAsInt?: boolean;
	zone?: string;
}

export interface CallResult {
	status: number;
	headers: Headers;
	// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary wire JSON
	json: any;
}

/** Sends one request with fetch, as a client of SAKURA's API would, and parses the JSON response. */
export async function call(
	emulator: SakuraEmulator,
	method: string,
	suffix: string,
	options: CallOptions = {},
): Promise<CallResult> {
	const headers: Record<string, string> = {
		"X-Requested-With": "XMLHttpRequest",
	};
	if (options.authorization !== null) {
		headers.Authorization = options.authorization ?? basicAuth();
	}
	if (options.bigintAsInt) {
		headers["X-Sakura-Bigint-As-Int"] = "1";
	}

	let body: string | undefined;
	if (options.rawBody !== undefined) {
		body = options.rawBody;
	} else if (options.body !== undefined) {
		body = JSON.stringify(options.body);
	}
	if (body !== undefined) {
		headers["Content-Type"] = "application/json";
	}

	const response = await fetch(
		`${collectionUrl(emulator, options.zone)}${suffix}`,
		{ method, headers, body },
	);
	const text = await response.text();
	return {
		status: response.status,
		headers: response.headers,
		json: text === "" ? undefined : JSON.parse(text),
	};
}

/**
 * Sends a GET whose request target is written byte for byte, as the official Go client sends its
 * find query: raw JSON after `?`, with no percent-encoding. fetch would encode the quotes.
 */
export function getRaw(
	emulator: SakuraEmulator,
	target: string,
): Promise<CallResult> {
	const url = new URL(emulator.rootUrl);
	return new Promise((resolve, reject) => {
		const request = httpRequest(
			{
				host: url.hostname,
				port: url.port,
				method: "GET",
				path: `${url.pathname}/is1a/api/cloud/1.1/commonserviceitem${target}`,
				headers: { Authorization: basicAuth() },
			},
			(response) => {
				let text = "";
				response.setEncoding("utf8");
				response.on("data", (chunk: string) => {
					text += chunk;
				});
				response.on("end", () => {
					resolve({
						status: response.statusCode ?? 0,
						headers: new Headers(),
						json: JSON.parse(text),
					});
				});
			},
		);
		request.on("error", reject);
		request.end();
	});
}

/** Builds a create body as iaas-api-go sends it. */
export function createBody(
	subdomainLabel: string,
	overrides: Record<string, unknown> = {},
): unknown {
	return {
		CommonServiceItem: {
			Name: subdomainLabel,
			Description: "",
			Tags: [],
			Icon: { ID: 0, Tags: [] },
			Provider: { Class: "containerregistry" },
			Settings: { ContainerRegistry: { public: "none", virtual_domain: "" } },
			Status: { registry_name: subdomainLabel },
			...overrides,
		},
	};
}

/** Creates a registry over HTTP and returns its ID. */
export async function createRegistry(
	emulator: SakuraEmulator,
	subdomainLabel: string,
	overrides: Record<string, unknown> = {},
): Promise<string> {
	const result = await call(emulator, "POST", "", {
		body: createBody(subdomainLabel, overrides),
	});
	if (result.status !== 201) {
		throw new Error(
			`create ${subdomainLabel} returned ${result.status}: ${JSON.stringify(result.json)}`,
		);
	}
	return result.json.CommonServiceItem.ID;
}

/** Adds a user over HTTP and returns the status. */
export async function addUser(
	emulator: SakuraEmulator,
	registryId: string,
	user: { username: string; password: string; permission: string },
): Promise<number> {
	const result = await call(
		emulator,
		"POST",
		`/${registryId}/containerregistry/users`,
		{ body: { ContainerRegistry: user } },
	);
	return result.status;
}
