package com.acme.saas.auth.accounts;

import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * What the features above {@code accounts} (login, registration, passwords, verification, mfa,
 * sessions, erasure) may do with an account. The table itself stays behind {@link
 * AccountRepository}, which only this package sees; each call joins the caller's transaction.
 */
@Service
public class Accounts {

  private final AccountRepository repository;

  Accounts(AccountRepository repository) {
    this.repository = repository;
  }

  public Optional<Account> find(UUID id) {
    return repository.find(id);
  }

  /** The account whose address is {@code email} once trimmed and lower-cased. */
  public Optional<Account> findByEmail(String email) {
    return repository.findByEmail(email);
  }

  /** Creates the account unless its email is taken; tells whether it did. */
  public boolean createIfEmailFree(Account account) {
    return repository.insertIfEmailFree(account);
  }

  public void changePasswordHash(UUID id, String hash) {
    repository.updatePasswordHash(id, hash);
  }

  /** Marks the address proven; tells whether it was not before (so the event is written once). */
  public boolean markEmailVerified(UUID id) {
    return repository.markEmailVerified(id);
  }

  public boolean isEmailVerified(UUID id) {
    return repository.isEmailVerified(id);
  }

  public void changeRole(UUID id, String role) {
    repository.updateRole(id, role);
  }

  public void delete(UUID id) {
    repository.delete(id);
  }
}
