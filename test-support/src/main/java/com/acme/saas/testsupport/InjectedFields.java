package com.acme.saas.testsupport;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Sets a test's {@link InjectApi}, {@link InjectUser} and {@link InjectRegisteredUser} fields
 * before each test (before its own {@code @BeforeEach} methods), fresh for every test as a
 * hand-written {@code setUp} would. The annotations register it; a test names no extension.
 */
public final class InjectedFields implements BeforeEachCallback {

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
      for (Class<?> type = instance.getClass(); type != Object.class; type = type.getSuperclass()) {
        for (Field field : type.getDeclaredFields()) {
          Object value = valueFor(field, context);
          if (value != null) {
            field.setAccessible(true);
            field.set(instance, value);
          }
        }
      }
    }
  }

  /** What the field declares, made anew; null for a field without an annotation of ours. */
  private static @Nullable Object valueFor(Field field, ExtensionContext context)
      throws ReflectiveOperationException {
    InjectUser user = field.getAnnotation(InjectUser.class);
    boolean api = field.isAnnotationPresent(InjectApi.class);
    boolean registered = field.isAnnotationPresent(InjectRegisteredUser.class);
    if (user == null && !api && !registered) {
      return null;
    }
    if (Modifier.isStatic(field.getModifiers()) || Modifier.isFinal(field.getModifiers())) {
      throw new ExtensionConfigurationException(
          field + ": an injected field is set before each test, so neither static nor final");
    }
    if (user != null) {
      requireType(field, TestUser.class);
      return TestUser.withRole(user.role());
    }
    HttpApi http = HttpApi.local(localServerPort(context));
    if (registered) {
      requireType(field, RegisteredUser.class);
      return RegisteredUser.register(http, RegisteredUser.newEmail());
    }
    return client(field, http);
  }

  /** The service's random port, from the test's Spring context. */
  private static int localServerPort(ExtensionContext context) {
    Integer port =
        SpringExtension.getApplicationContext(context)
            .getEnvironment()
            .getProperty("local.server.port", Integer.class);
    if (port == null) {
      throw new ExtensionConfigurationException(
          context.getRequiredTestClass().getName()
              + " injects a client, but has no server port: use"
              + " @SpringBootTest(webEnvironment = RANDOM_PORT)");
    }
    return port;
  }

  /** The HttpApi itself, or a client of the service's API built on it. */
  private static Object client(Field field, HttpApi http) throws ReflectiveOperationException {
    if (field.getType() == HttpApi.class) {
      return http;
    }
    try {
      Constructor<?> constructor = field.getType().getConstructor(HttpApi.class);
      return constructor.newInstance(http);
    } catch (NoSuchMethodException e) {
      throw new ExtensionConfigurationException(
          field + ": @InjectApi needs an HttpApi or a type with a public constructor taking one",
          e);
    }
  }

  private static void requireType(Field field, Class<?> type) {
    if (field.getType() != type) {
      throw new ExtensionConfigurationException(field + " must be a " + type.getSimpleName());
    }
  }
}
