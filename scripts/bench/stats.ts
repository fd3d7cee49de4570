/**
 * Returns the nearest-rank percentile of `samples`: the smallest value that at least `percent`
 * of the samples do not exceed. With 1,000 samples, p99 is the 990th smallest value.
 * @throws RangeError when `samples` is empty or `percent` is outside 0 to 100.
 */
export function percentile(
	samples: readonly number[],
	percent: number,
): number {
	if (samples.length === 0) {
		throw new RangeError("Cannot take a percentile of no samples");
	}
	if (!(percent > 0 && percent <= 100)) {
		throw new RangeError(`Percentile must be in (0, 100], got ${percent}`);
	}

	const sorted = [...samples].sort((a, b) => a - b);
	const rank = Math.ceil((percent / 100) * sorted.length);
	return sorted[rank - 1];
}

/** Returns the median, as the lower middle value for an even count, so it is a measured sample. */
export function median(samples: readonly number[]): number {
	return percentile(samples, 50);
}

/** Formats milliseconds with one decimal, such as `3.2 ms`. */
export function formatMs(milliseconds: number): string {
	return `${milliseconds.toFixed(1)} ms`;
}

/** Formats a byte count in KiB (1,024 bytes) with the exact count, such as `516.2 KiB (528,577 B)`. */
export function formatBytes(bytes: number): string {
	return `${(bytes / 1024).toFixed(1)} KiB (${bytes.toLocaleString("en-US")} B)`;
}
