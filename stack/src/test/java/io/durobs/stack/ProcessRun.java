package io.durobs.stack;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The outcome of running a command to completion: exit code and combined output. */
record ProcessRun(int exitCode, String output) {

  static ProcessRun run(Path workDir, List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command)
        .directory(workDir.toFile())
        .redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .start();
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException(command + " did not finish within 2 minutes");
    }
    return new ProcessRun(process.exitValue(), new String(out, StandardCharsets.UTF_8));
  }
}
