package com.acme.saas.packaging;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The root Dockerfile as one module's image build sees it: its instructions in order, continuation
 * lines joined, comments dropped, and the build arguments docker-compose.yml passes for the module
 * substituted where Docker substitutes them.
 */
record Dockerfile(List<Instruction> instructions) {

  record Instruction(String keyword, String arguments) {}

  /**
   * The instructions whose arguments Docker expands build arguments in (not RUN, CMD, HEALTHCHECK).
   */
  private static final Set<String> EXPANDED =
      Set.of("ADD", "COPY", "ENV", "EXPOSE", "FROM", "LABEL", "USER", "WORKDIR");

  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

  /**
   * The image build of {@code module}: the root Dockerfile with the module's compose build args.
   */
  static Dockerfile of(String module) {
    Map<String, String> arguments = new HashMap<>();
    List<Instruction> raw = parse(Repository.read(Repository.ROOT.resolve("Dockerfile")));
    for (Instruction instruction : raw) {
      if (instruction.keyword().equals("ARG")) {
        String[] nameAndDefault = instruction.arguments().split("=", 2);
        if (nameAndDefault.length == 2) {
          arguments.put(nameAndDefault[0], nameAndDefault[1].replaceAll("^\"|\"$", ""));
        }
      }
    }
    arguments.putAll(Repository.composeBuildArgs(module));
    List<Instruction> expanded = new ArrayList<>();
    for (Instruction instruction : raw) {
      String text = instruction.arguments();
      if (EXPANDED.contains(instruction.keyword())) {
        Matcher m = VARIABLE.matcher(text);
        text =
            m.replaceAll(
                match -> Matcher.quoteReplacement(arguments.getOrDefault(match.group(1), "")));
      }
      expanded.add(new Instruction(instruction.keyword(), text));
    }
    return new Dockerfile(List.copyOf(expanded));
  }

  private static List<Instruction> parse(String text) {
    List<Instruction> instructions = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : text.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
        continue;
      }
      if (trimmed.endsWith("\\")) {
        current.append(trimmed, 0, trimmed.length() - 1).append(' ');
        continue;
      }
      current.append(trimmed);
      String full = current.toString().strip();
      current.setLength(0);
      if (!full.isEmpty()) {
        String[] parts = full.split("\\s+", 2);
        instructions.add(new Instruction(parts[0].toUpperCase(), parts.length > 1 ? parts[1] : ""));
      }
    }
    return instructions;
  }

  List<String> all(String keyword) {
    return instructions.stream()
        .filter(i -> i.keyword().equals(keyword))
        .map(Instruction::arguments)
        .toList();
  }

  /** The instructions of the final stage (after the last FROM). */
  Dockerfile finalStage() {
    int last = 0;
    for (int i = 0; i < instructions.size(); i++) {
      if (instructions.get(i).keyword().equals("FROM")) {
        last = i;
      }
    }
    return new Dockerfile(instructions.subList(last, instructions.size()));
  }
}
