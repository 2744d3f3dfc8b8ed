package io.durobs.it.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsTest {

  private static String basic(String userAndPassword) {
    return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void basicAndBearerFormsBecomeTheirHeadersAndDescribeThemselvesWithoutTheSecret() {
    Credentials basic = Credentials.parse("  reader:p@ss:word \n", "the environment variable X");
    assertThat(basic.authorization()).contains(basic("reader:p@ss:word"));
    assertThat(basic.toString()).isEqualTo("basic authentication as 'reader' from the environment variable X");

    Credentials bearer = Credentials.parse("Bearer abc.def", "F");
    assertThat(bearer.authorization()).contains("Bearer abc.def");
    assertThat(bearer.toString()).isEqualTo("a bearer token from F").doesNotContain("abc");
    assertThat(Credentials.none().isNone()).isTrue();
  }

  @Test
  void malformedCredentialsNameTheirSourceNeverTheirContent() {
    for (String bad : new String[] {"justatoken", ":nouser", "Bearer ", "Bearer two words", "a:b\nc"}) {
      assertThatThrownBy(() -> Credentials.parse(bad, "--loki-credentials-file f"))
          .as(bad).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("--loki-credentials-file f: not USER:PASSWORD or 'Bearer TOKEN' on one line "
              + "(the content is not shown)");
    }
  }

  @Test
  void aFileIsReadToItsFirstLineAndBadFilesAreNamed(@TempDir Path tmp) throws Exception {
    Path file = Files.writeString(tmp.resolve("creds"), "\nreader:s3cret\nignored\n");
    assertThat(Credentials.fromFile(file, "--opt").authorization()).contains(basic("reader:s3cret"));

    String where = "--opt " + tmp.resolve("missing");
    assertThatThrownBy(() -> Credentials.fromFile(tmp.resolve("missing"), "--opt")).hasMessage(where + ": no such file");
    assertThatThrownBy(() -> Credentials.fromFile(tmp, "--opt")).hasMessage("--opt " + tmp + ": not a regular file");
    Path empty = Files.writeString(tmp.resolve("empty"), " \n\n");
    assertThatThrownBy(() -> Credentials.fromFile(empty, "--opt")).hasMessage("--opt " + empty + ": the file is empty");
    Path huge = Files.write(tmp.resolve("huge"), new byte[Credentials.MAX_FILE_BYTES + 1]);
    assertThatThrownBy(() -> Credentials.fromFile(huge, "--opt"))
        .hasMessage("--opt " + huge + ": larger than 64 KiB, not a credentials file");
  }

  @Test
  void credentialsInTheUrlAndGivenSeparatelyAreRefusedWithoutShowingEither() {
    Credentials fromFile = Credentials.parse("other:s3cret", "--opt f");
    assertThatThrownBy(() -> new HttpEndpoint(URI.create("http://reader:pw@127.0.0.1:9090"), fromFile))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("credentials given twice: in the URL and as basic authentication as 'other' from "
            + "--opt f; give them once");
    HttpEndpoint endpoint = new HttpEndpoint(URI.create("http://127.0.0.1:9090/prefix"), fromFile);
    assertThat(endpoint.shown()).isEqualTo("http://127.0.0.1:9090/prefix");
    assertThat(endpoint.request("api/v1/query").build().headers().firstValue("Authorization"))
        .contains(basic("other:s3cret"));
  }
}
