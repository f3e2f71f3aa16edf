package com.acme.saas.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.testsupport.RealInfrastructure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.web.server.WebFilter;

/** The filters run in the order the README's table tells a reader, no more and no fewer. */
@SpringBootTest
@RealInfrastructure
class FilterOrderTests {

  /**
   * A table row's "where" cell naming one of the gateway's filters, e.g.
   * `auth.AuthenticationFilter`.
   */
  private static final Pattern FILTER_CELL =
      Pattern.compile("^\\| [^|]+ \\| `(\\w+\\.\\w+Filter)` \\|");

  @Autowired ApplicationContext context;

  @Test
  void theFiltersRunInTheOrderOfTheReadmeTable() throws IOException {
    // Every web filter runs before Spring Cloud Gateway's handler, which then runs the global
    // filters.
    List<String> running = new ArrayList<>(ours(WebFilter.class));
    running.addAll(ours(GlobalFilter.class));

    assertThat(running).isEqualTo(readmeTable());
  }

  private <T> List<String> ours(Class<T> type) {
    List<T> beans = new ArrayList<>(context.getBeansOfType(type).values());
    AnnotationAwareOrderComparator.sort(beans);
    String root = GatewayApplication.class.getPackageName() + ".";
    return beans.stream()
        .map(bean -> bean.getClass().getName())
        .filter(name -> name.startsWith(root))
        .map(name -> name.substring(root.length()))
        .toList();
  }

  private static List<String> readmeTable() throws IOException {
    try (Stream<String> lines = Files.lines(Path.of("README.md"))) {
      return lines
          .map(FILTER_CELL::matcher)
          .filter(Matcher::find)
          .map(match -> match.group(1))
          .toList();
    }
  }
}
