/**
 * What a long command reports as it goes: how much is done, of how much (null while not yet
 * known), and when it started.
 */
export type Progress = (done: number, total: number | null, startedAt: number) => void;

/**
 * A progress bar on stderr: done/total, rate in `unit`s per second, and time left (the command
 * line tools' one bar: `digests:import` counts rows, `seed --scale` records). Until the total is
 * known it shows the count and the rate only.
 */
export function progressBar(write: (s: string) => void, unit = "rows"): Progress {
  return (done, total, startedAt) => {
    const seconds = Math.max(0.001, (Date.now() - startedAt) / 1000);
    const rate = done / seconds;
    const width = 30;
    if (total === null) {
      write(`\r[${"?".repeat(width)}] ${done}/? ${unit}, ${rate.toFixed(0)} ${unit}/s`);
      return;
    }
    const left = rate > 0 ? (total - done) / rate : 0;
    const filled = Math.min(width, Math.round((done / Math.max(1, total)) * width));
    write(
      `\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} ${unit}, ${rate.toFixed(0)} ${unit}/s, ${Math.ceil(left)} s left${done === total ? "\n" : ""}`,
    );
  };
}
