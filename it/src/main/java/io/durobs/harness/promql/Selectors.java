package io.durobs.harness.promql;

import io.durobs.promql.PromDuration;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Takes a PromQL expression apart into its vector selectors, each with its matchers, its range
 * and the function it is an argument of. It is a scanner, not a full parser: enough to query
 * each selector on its own, as pint's {@code promql/series} check does, and it skips what is not
 * a selector (function names, keywords, label lists of {@code by}/{@code on}/..., strings, numbers).
 */
public final class Selectors {

  private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring",
      "group_left", "group_right", "offset", "bool", "and", "or", "unless", "atan2", "start",
      "end", "inf", "nan");
  private static final Set<String> AGGREGATIONS = Set.of("sum", "avg", "min", "max", "count",
      "stddev", "stdvar", "topk", "bottomk", "quantile", "count_values", "group", "limitk",
      "limit_ratio");
  private static final Set<String> LABEL_LIST_KEYWORDS =
      Set.of("by", "without", "on", "ignoring", "group_left", "group_right");

  private final String s;
  private int i;

  private Selectors(String s) {
    this.s = s;
  }

  /**
   * The selectors of an expression, in text order.
   *
   * @throws PromQlSyntaxException when a selector's braces or strings are unbalanced
   */
  public static List<Selector> of(String expr) {
    return new Selectors(expr).scan();
  }

  private List<Selector> scan() {
    List<Selector> out = new ArrayList<>();
    Deque<String> calls = new ArrayDeque<>();
    String pendingCall = null;
    while (true) {
      skipSpace();
      if (i >= s.length()) {
        break;
      }
      char c = s.charAt(i);
      if (c == '#') {
        while (i < s.length() && s.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '"' || c == '\'' || c == '`') {
        readString();
      } else if (c == '(') {
        calls.push(pendingCall == null ? "" : pendingCall);
        pendingCall = null;
        i++;
      } else if (c == ')') {
        if (!calls.isEmpty()) {
          calls.pop();
        }
        i++;
      } else if (c == '{') {
        out.add(selector(null, calls));
        pendingCall = null;
      } else if (c == '[') {
        skipBracket();
      } else if (Character.isLetter(c) || c == '_' || c == ':') {
        String word = readIdent();
        skipSpace();
        char next = i < s.length() ? s.charAt(i) : ' ';
        if (LABEL_LIST_KEYWORDS.contains(word)) {
          if (next == '(') {
            skipParens();
          }
          // "sum by (x) (expr)": the aggregation's argument list follows the label list
        } else if (AGGREGATIONS.contains(word) && next != '{') {
          pendingCall = word;
        } else if (KEYWORDS.contains(word.toLowerCase(java.util.Locale.ROOT)) && next != '{') {
          pendingCall = null;
        } else if (next == '(') {
          pendingCall = word;
        } else {
          out.add(selector(word, calls));
          pendingCall = null;
        }
      } else if (Character.isDigit(c) || c == '.') {
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.'
            || (s.charAt(i) == '+' || s.charAt(i) == '-') && (s.charAt(i - 1) == 'e' || s.charAt(i - 1) == 'E'))) {
          i++;
        }
      } else {
        i++;
      }
    }
    return out;
  }

  private Selector selector(String metric, Deque<String> calls) {
    List<LabelMatcher> matchers = new ArrayList<>();
    skipSpace();
    if (i < s.length() && s.charAt(i) == '{') {
      i++;
      while (true) {
        skipSpace();
        if (i >= s.length()) {
          throw new PromQlSyntaxException("unclosed '{' in selector" + (metric == null ? "" : " of " + metric));
        }
        if (s.charAt(i) == '}') {
          i++;
          break;
        }
        if (s.charAt(i) == ',') {
          i++;
          continue;
        }
        String label = s.charAt(i) == '"' ? readString() : readIdent();
        skipSpace();
        String op = readOp();
        skipSpace();
        if (op == null) {
          // a bare quoted name inside braces: {"metric.name"}
          if (metric == null) {
            metric = label;
          }
          continue;
        }
        matchers.add(new LabelMatcher(label, op, readString()));
      }
    }
    if (metric == null) {
      for (LabelMatcher m : matchers) {
        if (m.label().equals("__name__") && m.op().equals("=")) {
          metric = m.value();
        }
      }
      if (metric != null) {
        matchers.removeIf(m -> m.label().equals("__name__") && m.op().equals("="));
      }
    }
    skipSpace();
    Duration range = null;
    if (i < s.length() && s.charAt(i) == '[') {
      int start = i + 1;
      skipBracket();
      String inside = s.substring(start, i - 1).trim();
      if (!inside.contains(":")) {
        try {
          range = PromDuration.parse(inside);
        } catch (IllegalArgumentException e) {
          range = null;
        }
      }
    }
    String fn = calls.isEmpty() || calls.peek().isEmpty() ? null : calls.peek();
    return new Selector(metric, matchers, range, fn);
  }

  private String readOp() {
    if (s.startsWith("=~", i) || s.startsWith("!~", i) || s.startsWith("!=", i)) {
      i += 2;
      return s.substring(i - 2, i);
    }
    if (i < s.length() && s.charAt(i) == '=') {
      i++;
      return "=";
    }
    return null;
  }

  private String readIdent() {
    int start = i;
    while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_'
        || s.charAt(i) == ':' || s.charAt(i) == '.')) {
      i++;
    }
    if (start == i) {
      throw new PromQlSyntaxException("unexpected '" + s.charAt(i) + "' at character " + (i + 1));
    }
    return s.substring(start, i);
  }

  private String readString() {
    char q = s.charAt(i);
    if (q != '"' && q != '\'' && q != '`') {
      throw new PromQlSyntaxException("expected a quoted string at character " + (i + 1));
    }
    StringBuilder sb = new StringBuilder();
    i++;
    while (i < s.length() && s.charAt(i) != q) {
      char c = s.charAt(i);
      if (c == '\\' && q != '`' && i + 1 < s.length()) {
        char n = s.charAt(i + 1);
        sb.append(switch (n) {
          case 'n' -> '\n';
          case 't' -> '\t';
          default -> n;
        });
        i += 2;
        continue;
      }
      sb.append(c);
      i++;
    }
    if (i >= s.length()) {
      throw new PromQlSyntaxException("unclosed string starting with " + q);
    }
    i++;
    return sb.toString();
  }

  private void skipBracket() {
    int depth = 0;
    while (i < s.length()) {
      char c = s.charAt(i++);
      if (c == '[') {
        depth++;
      } else if (c == ']' && --depth == 0) {
        return;
      }
    }
  }

  private void skipParens() {
    int depth = 0;
    while (i < s.length()) {
      char c = s.charAt(i++);
      if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return;
      }
    }
  }

  private void skipSpace() {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
  }
}
