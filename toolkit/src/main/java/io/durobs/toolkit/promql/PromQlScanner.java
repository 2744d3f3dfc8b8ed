package io.durobs.toolkit.promql;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a PromQL expression just far enough to check it: every vector selector with its label
 * matchers and range, the functions and aggregations around it (with their grouping labels),
 * and the labels named in grouping and vector-matching clauses.
 *
 * <p>It is a tokenizer with a bracket stack, not a full parser: it does not check operator
 * syntax or argument types (promtool and Prometheus do that). It accepts Grafana template
 * variables wherever they occur ({@code $job}, {@code ${job:regex}}, {@code [[job]]},
 * {@code [$__rate_interval]}), so it reads dashboard queries as written.
 */
public final class PromQlScanner {

  private static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "group",
      "stddev", "stdvar", "count", "count_values", "bottomk", "topk", "quantile", "limitk",
      "limit_ratio");
  private static final Set<String> GROUPING = Set.of("by", "without");
  private static final Set<String> MATCHING = Set.of("on", "ignoring", "group_left", "group_right");
  private static final Set<String> KEYWORDS =
      Set.of("and", "or", "unless", "bool", "offset", "atan2", "inf", "nan");

  private enum Kind { IDENT, STRING, NUMBER, VARIABLE, PUNCT, EOF }

  private record Token(Kind kind, String text, int pos) {
    boolean is(String punct) {
      return kind == Kind.PUNCT && text.equals(punct);
    }
  }

  /** A bracket frame while scanning; grouping may be attached after the closing parenthesis. */
  private static final class Frame {
    final String function;
    final boolean aggregation;
    String groupingMode;
    List<String> groupingLabels = List.of();

    Frame(String function, boolean aggregation) {
      this.function = function;
      this.aggregation = aggregation;
    }

    Enclosing freeze() {
      return new Enclosing(function, aggregation, groupingMode, groupingLabels);
    }
  }

  private record PendingSelector(String metric, List<LabelMatcher> matchers, String range,
      List<Frame> enclosing, int position) {}

  private final String text;
  private final List<Token> tokens;
  private int i;

  private PromQlScanner(String text) {
    this.text = text;
    this.tokens = tokenize(text);
  }

  /**
   * Scans an expression.
   *
   * @throws PromQlSyntaxException when brackets do not balance or a string does not end
   */
  public static ScannedQuery scan(String expr) {
    return new PromQlScanner(expr).run();
  }

  /** Where a duration stands in an expression (see {@link #mapDurations}). */
  public enum DurationUse {
    /** The range of a range selector or subquery: {@code [5m]}, {@code [1h:1m]}. */
    RANGE,
    /** A subquery's resolution step: the {@code 1m} of {@code [1h:1m]}. */
    STEP,
    /** An {@code offset} modifier's duration. */
    OFFSET
  }

  /**
   * The expression with every literal duration of a range, subquery step or {@code offset}
   * replaced by what {@code mapping} returns for it; everything else is kept character for
   * character. Template variables in brackets ({@code [$__rate_interval]}) and {@code @}
   * timestamps are left alone.
   *
   * @param mapping given the use and the duration as written ({@code 5m}), returns its replacement
   * @throws PromQlSyntaxException when a string does not end or a character is not PromQL
   */
  public static String mapDurations(String expr,
      java.util.function.BiFunction<DurationUse, String, String> mapping) {
    List<Token> tokens = tokenize(expr);
    StringBuilder out = new StringBuilder(expr.length());
    int copied = 0;
    boolean inBrackets = false;
    for (int k = 0; k < tokens.size(); k++) {
      Token t = tokens.get(k);
      String replacement = null;
      int start = t.pos;
      if (t.is("[")) {
        inBrackets = true;
      } else if (t.is("]")) {
        inBrackets = false;
      } else if (inBrackets && t.kind == Kind.NUMBER) {
        boolean step = k > 0 && tokens.get(k - 1).is(":");
        replacement = mapping.apply(step ? DurationUse.STEP : DurationUse.RANGE, t.text);
      } else if (inBrackets && t.kind == Kind.IDENT && t.text.startsWith(":") && t.text.length() > 1) {
        // ":1m" lexes as one name-like token: the step is what follows the colon
        start = t.pos + 1;
        replacement = mapping.apply(DurationUse.STEP, t.text.substring(1));
      } else if (t.kind == Kind.NUMBER && k > 0 && isOffset(tokens, k)) {
        replacement = mapping.apply(DurationUse.OFFSET, t.text);
      }
      if (replacement != null) {
        out.append(expr, copied, start).append(replacement);
        copied = t.pos + t.text.length();
      }
    }
    return out.append(expr.substring(copied)).toString();
  }

  /** True when token {@code k} is the duration of an {@code offset} (possibly negative). */
  private static boolean isOffset(List<Token> tokens, int k) {
    int before = k - 1;
    if (tokens.get(before).is("-") && before > 0) {
      before--;
    }
    Token t = tokens.get(before);
    return t.kind == Kind.IDENT && t.text.equalsIgnoreCase("offset");
  }

  private ScannedQuery run() {
    List<Frame> stack = new ArrayList<>();
    List<PendingSelector> selectors = new ArrayList<>();
    List<String> functions = new ArrayList<>();
    List<String> groupingLabels = new ArrayList<>();
    List<ScannedQuery.RangeRef> ranges = new ArrayList<>();

    while (peek().kind != Kind.EOF) {
      Token t = next();
      switch (t.kind) {
        case IDENT -> {
          String word = t.text;
          String lower = word.toLowerCase(java.util.Locale.ROOT);
          if (GROUPING.contains(lower) || MATCHING.contains(lower)) {
            List<String> labels = peek().is("(") ? labelList() : List.of();
            groupingLabels.addAll(labels);
          } else if (KEYWORDS.contains(lower)) {
            // operators and modifiers carry no metric; "offset 5m" is skipped as a number
          } else if (peek().is("(")) {
            boolean aggregation = AGGREGATIONS.contains(lower);
            next();
            Frame frame = new Frame(word, aggregation);
            stack.add(frame);
            functions.add(word);
          } else if (AGGREGATIONS.contains(lower) && peek().kind == Kind.IDENT
              && GROUPING.contains(peek().text.toLowerCase(java.util.Locale.ROOT))) {
            String mode = next().text.toLowerCase(java.util.Locale.ROOT);
            List<String> labels = labelList();
            groupingLabels.addAll(labels);
            expect("(");
            Frame frame = new Frame(word, true);
            frame.groupingMode = mode;
            frame.groupingLabels = labels;
            stack.add(frame);
            functions.add(word);
          } else {
            selectors.add(selector(word, t.pos, stack, ranges));
          }
        }
        case PUNCT -> {
          if (t.is("{")) {
            i--;
            selectors.add(selector(null, t.pos, stack, ranges));
          } else if (t.is("(")) {
            stack.add(new Frame(null, false));
          } else if (t.is(")")) {
            if (stack.isEmpty()) {
              throw new PromQlSyntaxException("unbalanced ')'", t.pos);
            }
            Frame closed = stack.remove(stack.size() - 1);
            if (closed.aggregation && peek().kind == Kind.IDENT
                && GROUPING.contains(peek().text.toLowerCase(java.util.Locale.ROOT))) {
              closed.groupingMode = next().text.toLowerCase(java.util.Locale.ROOT);
              closed.groupingLabels = labelList();
              groupingLabels.addAll(closed.groupingLabels);
            }
            if (peek().is("[")) {
              next();
              ranges.add(new ScannedQuery.RangeRef(rangeText(), null));
            }
          } else if (t.is("}") || t.is("]")) {
            throw new PromQlSyntaxException("unbalanced '" + t.text + "'", t.pos);
          } else if (t.is("[")) {
            ranges.add(new ScannedQuery.RangeRef(rangeText(), null));
          }
        }
        default -> {
          // strings (label_replace arguments), numbers, template variables: nothing to read
        }
      }
    }
    if (!stack.isEmpty()) {
      throw new PromQlSyntaxException("unclosed '('", text.length());
    }
    List<SelectorRef> frozen = new ArrayList<>();
    for (PendingSelector p : selectors) {
      List<Enclosing> enclosing = new ArrayList<>();
      for (int k = p.enclosing.size() - 1; k >= 0; k--) {
        enclosing.add(p.enclosing.get(k).freeze());
      }
      frozen.add(new SelectorRef(p.metric, p.matchers, p.range, enclosing, p.position));
    }
    return new ScannedQuery(text, frozen, functions, groupingLabels, ranges);
  }

  private PendingSelector selector(String name, int pos, List<Frame> stack,
      List<ScannedQuery.RangeRef> ranges) {
    String metric = name;
    List<LabelMatcher> matchers = new ArrayList<>();
    if (peek().is("{")) {
      next();
      while (!peek().is("}")) {
        Token label = next();
        if (label.kind == Kind.EOF) {
          throw new PromQlSyntaxException("unclosed '{'", pos);
        }
        if (label.is(",")) {
          continue;
        }
        if (label.kind != Kind.IDENT && label.kind != Kind.STRING) {
          throw new PromQlSyntaxException("expected a label name, found '" + label.text + "'",
              label.pos);
        }
        String labelName = label.kind == Kind.STRING ? unquote(label) : label.text;
        if (label.kind == Kind.STRING && (peek().is(",") || peek().is("}"))) {
          metric = labelName; // Prometheus 3: {"quoted.metric.name", ...}
          continue;
        }
        Token op = next();
        if (!(op.is("=") || op.is("!=") || op.is("=~") || op.is("!~"))) {
          throw new PromQlSyntaxException("expected a matcher operator after '" + labelName
              + "'", op.pos);
        }
        Token value = next();
        String v = switch (value.kind) {
          case STRING -> unquote(value);
          case VARIABLE -> value.text;
          default -> throw new PromQlSyntaxException("expected a quoted label value for '"
              + labelName + "'", value.pos);
        };
        if ("__name__".equals(labelName) && op.is("=")) {
          metric = v;
        } else {
          matchers.add(new LabelMatcher(labelName, op.text, v));
        }
      }
      next();
    }
    String range = null;
    if (peek().is("[")) {
      next();
      range = rangeText();
      Frame call = stack.isEmpty() ? null : stack.get(stack.size() - 1);
      ranges.add(new ScannedQuery.RangeRef(range, call == null ? null : call.function));
    }
    return new PendingSelector(metric, matchers, range, List.copyOf(stack), pos);
  }

  /** Reads up to the closing bracket; returns the range before a subquery step. */
  private String rangeText() {
    StringBuilder range = new StringBuilder();
    boolean step = false;
    while (!peek().is("]")) {
      Token t = next();
      if (t.kind == Kind.EOF) {
        throw new PromQlSyntaxException("unclosed '['", t.pos);
      }
      if (t.is(":") || t.text.startsWith(":")) {
        step = true; // ":5m" lexes as one name-like token
      } else if (!step) {
        range.append(t.text);
      }
    }
    next();
    return range.toString();
  }

  private List<String> labelList() {
    expect("(");
    List<String> labels = new ArrayList<>();
    while (!peek().is(")")) {
      Token t = next();
      if (t.kind == Kind.EOF) {
        throw new PromQlSyntaxException("unclosed label list", t.pos);
      }
      if (t.kind == Kind.IDENT) {
        labels.add(t.text);
      } else if (t.kind == Kind.STRING) {
        labels.add(unquote(t));
      }
    }
    next();
    return labels;
  }

  private void expect(String punct) {
    Token t = next();
    if (!t.is(punct)) {
      throw new PromQlSyntaxException("expected '" + punct + "', found '" + t.text + "'", t.pos);
    }
  }

  private Token peek() {
    return tokens.get(i);
  }

  private Token next() {
    Token t = tokens.get(i);
    if (t.kind != Kind.EOF) {
      i++;
    }
    return t;
  }

  private String unquote(Token t) {
    String s = t.text;
    char q = s.charAt(0);
    String body = s.substring(1, s.length() - 1);
    if (q == '`') {
      return body;
    }
    StringBuilder out = new StringBuilder();
    for (int k = 0; k < body.length(); k++) {
      char c = body.charAt(k);
      if (c == '\\' && k + 1 < body.length()) {
        char e = body.charAt(++k);
        switch (e) {
          case 'n' -> out.append('\n');
          case 't' -> out.append('\t');
          default -> out.append(e);
        }
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static List<Token> tokenize(String s) {
    List<Token> out = new ArrayList<>();
    int p = 0;
    int n = s.length();
    while (p < n) {
      char c = s.charAt(p);
      if (Character.isWhitespace(c)) {
        p++;
      } else if (c == '#') {
        while (p < n && s.charAt(p) != '\n') {
          p++;
        }
      } else if (c == '"' || c == '\'' || c == '`') {
        int start = p++;
        while (p < n && s.charAt(p) != c) {
          if (s.charAt(p) == '\\' && c != '`') {
            p++;
          }
          p++;
        }
        if (p >= n) {
          throw new PromQlSyntaxException("unterminated string", start);
        }
        p++;
        out.add(new Token(Kind.STRING, s.substring(start, p), start));
      } else if (c == '$') {
        int start = p++;
        if (p < n && s.charAt(p) == '{') {
          int close = s.indexOf('}', p);
          if (close < 0) {
            throw new PromQlSyntaxException("unclosed '${'", start);
          }
          p = close + 1;
        } else {
          while (p < n && (Character.isLetterOrDigit(s.charAt(p)) || s.charAt(p) == '_')) {
            p++;
          }
        }
        out.add(new Token(Kind.VARIABLE, s.substring(start, p), start));
      } else if (c == '[' && s.startsWith("[[", p) && oldStyleVariable(s, p)) {
        int close = s.indexOf("]]", p);
        out.add(new Token(Kind.VARIABLE, s.substring(p, close + 2), p));
        p = close + 2;
      } else if (Character.isDigit(c) || (c == '.' && p + 1 < n && Character.isDigit(s.charAt(p + 1)))) {
        int start = p;
        while (p < n) {
          char d = s.charAt(p);
          if (Character.isLetterOrDigit(d) || d == '.' || d == '_') {
            p++;
          } else if ((d == '+' || d == '-') && p + 1 < n && Character.isDigit(s.charAt(p + 1))
              && s.substring(start, p).matches("[0-9.]+[eE]")) {
            p++; // exponent sign of 1e-3
          } else {
            break;
          }
        }
        out.add(new Token(Kind.NUMBER, s.substring(start, p), start));
      } else if (Character.isLetter(c) || c == '_' || c == ':') {
        int start = p;
        while (p < n && (Character.isLetterOrDigit(s.charAt(p)) || s.charAt(p) == '_'
            || s.charAt(p) == ':')) {
          p++;
        }
        out.add(new Token(Kind.IDENT, s.substring(start, p), start));
      } else {
        String two = p + 1 < n ? s.substring(p, p + 2) : "";
        if (two.equals("==") || two.equals("!=") || two.equals("<=") || two.equals(">=")
            || two.equals("=~") || two.equals("!~")) {
          out.add(new Token(Kind.PUNCT, two, p));
          p += 2;
        } else if ("+-*/%^<>=,(){}[]@:".indexOf(c) >= 0) {
          out.add(new Token(Kind.PUNCT, String.valueOf(c), p));
          p++;
        } else {
          throw new PromQlSyntaxException("unexpected character '" + c + "'", p);
        }
      }
    }
    out.add(new Token(Kind.EOF, "<end>", n));
    return out;
  }

  /** {@code [[name]]} (Grafana's old variable syntax), as opposed to a nested range bracket. */
  private static boolean oldStyleVariable(String s, int p) {
    int close = s.indexOf("]]", p);
    return close > p + 2 && s.substring(p + 2, close).matches("[A-Za-z_][A-Za-z0-9_:.]*");
  }
}
