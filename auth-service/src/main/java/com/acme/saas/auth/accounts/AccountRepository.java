package com.acme.saas.auth.accounts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code accounts} table. */
@Repository
class AccountRepository {

  private final JdbcClient jdbc;

  AccountRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Account> find(UUID id) {
    return jdbc.sql("select * from accounts where id = :id")
        .param("id", id)
        .query(AccountRepository::account)
        .optional();
  }

  Optional<Account> findByEmail(String email) {
    return jdbc.sql("select * from accounts where email_normalized = :email")
        .param("email", Account.normalizeEmail(email))
        .query(AccountRepository::account)
        .optional();
  }

  /** Inserts the account unless its email is taken; tells whether it did. */
  boolean insertIfEmailFree(Account account) {
    return jdbc.sql(
                """
                insert into accounts (id, email, email_normalized, name, role, password_hash, created_at, updated_at)
                values (:id, :email, :normalized, :name, :role, :hash, :createdAt, :createdAt)
                on conflict (email_normalized) do nothing
                """)
            .param("id", account.id())
            .param("email", account.email())
            .param("normalized", Account.normalizeEmail(account.email()))
            .param("name", account.name())
            .param("role", account.role())
            .param("hash", account.passwordHash())
            .param("createdAt", java.sql.Timestamp.from(account.createdAt()))
            .update()
        == 1;
  }

  void updatePasswordHash(UUID id, String hash) {
    jdbc.sql("update accounts set password_hash = :hash, updated_at = now() where id = :id")
        .param("id", id)
        .param("hash", hash)
        .update();
  }

  /** Marks the address proven; tells whether it was not before (so the event is written once). */
  boolean markEmailVerified(UUID id) {
    return jdbc.sql(
                "update accounts set email_verified_at = now(), updated_at = now() where id = :id and email_verified_at is null")
            .param("id", id)
            .update()
        == 1;
  }

  boolean isEmailVerified(UUID id) {
    return jdbc.sql("select email_verified_at is not null from accounts where id = :id")
        .param("id", id)
        .query(Boolean.class)
        .optional()
        .orElse(false);
  }

  void updateRole(UUID id, String role) {
    jdbc.sql(
            "update accounts set role = :role, updated_at = now() where id = :id and role <> :role")
        .param("id", id)
        .param("role", role)
        .update();
  }

  void delete(UUID id) {
    jdbc.sql("delete from accounts where id = :id").param("id", id).update();
  }

  private static Account account(ResultSet row, int rowNumber) throws SQLException {
    return new Account(
        row.getObject("id", UUID.class),
        row.getString("email"),
        row.getString("name"),
        row.getString("role"),
        row.getString("password_hash"),
        row.getTimestamp("created_at").toInstant());
  }
}
