package io.durobs.it.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** A temporary directory for one run of the local stack, removed with everything in it on close. */
public final class RunDirectory implements AutoCloseable {

  private final Path dir;

  private RunDirectory(Path dir) {
    this.dir = dir;
  }

  /** Creates a fresh directory {@code durobs-<prefix>-*} under the system temp directory. */
  public static RunDirectory create(String prefix) {
    try {
      return new RunDirectory(Files.createTempDirectory("durobs-" + prefix + "-"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temp directory", e);
    }
  }

  /** The directory. */
  public Path path() {
    return dir;
  }

  /** A subdirectory, created if missing. */
  public Path dir(String name) {
    Path p = dir.resolve(name);
    try {
      Files.createDirectories(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + p, e);
    }
    return p;
  }

  /** Removes the directory and everything in it (what cannot be removed is left silently). */
  @Override
  public void close() {
    if (!Files.exists(dir)) {
      return;
    }
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.deleteIfExists(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
          Files.deleteIfExists(d);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      // best effort: a process that has not let go of a file leaves it behind
    }
  }
}
