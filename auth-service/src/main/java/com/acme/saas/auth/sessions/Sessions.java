package com.acme.saas.auth.sessions;

import com.acme.saas.auth.accounts.Account;
import com.acme.saas.auth.accounts.AccountView;
import com.acme.saas.auth.accounts.Accounts;
import com.acme.saas.auth.accounts.SecretTokens;
import com.acme.saas.auth.signing.AccessTokens;
import com.acme.saas.common.web.ApiException;
import com.acme.saas.common.web.ErrorCode;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sign-in sessions as refresh-token families. Every refresh uses up its token and issues the next
 * one of the family; presenting a used token means it was copied, so the whole family (the
 * legitimate holder's newer token included) is revoked.
 */
@Service
public class Sessions {

  private static final Logger log = LoggerFactory.getLogger(Sessions.class);

  private final RefreshTokenRepository tokens;
  private final Accounts accounts;
  private final AccessTokens accessTokens;
  private final SessionProperties properties;
  private final TransactionTemplate transactions;
  private final Clock clock;

  Sessions(
      RefreshTokenRepository tokens,
      Accounts accounts,
      AccessTokens accessTokens,
      SessionProperties properties,
      TransactionTemplate transactions,
      Clock clock) {
    this.tokens = tokens;
    this.accounts = accounts;
    this.accessTokens = accessTokens;
    this.properties = properties;
    this.transactions = transactions;
    this.clock = clock;
  }

  /** Starts a new family for the account: a fresh access token and refresh token. */
  public SignedIn open(Account account) {
    Instant now = clock.instant();
    return SignedIn.of(
        AccountView.of(account),
        issue(account, UUID.randomUUID(), now.plus(properties.familyLifetime()), now));
  }

  /**
   * Trades a refresh token for the next pair.
   *
   * @throws ApiException TOKEN_INVALID when the token is unknown, expired, revoked or already used
   *     (the last also revokes its family, and that revocation is committed)
   */
  public SessionTokens refresh(String refreshToken) {
    byte[] hash = hash(refreshToken);
    Outcome outcome = transactions.execute(status -> rotate(hash));
    return switch (outcome) {
      case Outcome.Refreshed refreshed -> refreshed.tokens();
      case Outcome.Rejected rejected ->
          throw new ApiException(ErrorCode.TOKEN_INVALID, rejected.reason());
    };
  }

  /**
   * Revokes the family of the given refresh token if it is the caller's; unknown tokens are
   * ignored.
   */
  public void logout(UUID userId, String refreshToken) {
    transactions.executeWithoutResult(
        status ->
            tokens
                .findForUpdate(hash(refreshToken))
                .filter(token -> token.userId().equals(userId))
                .ifPresent(token -> tokens.revokeFamily(token.familyId())));
  }

  /** Ends every session of the user; tells how many were open. */
  public int logoutAll(UUID userId) {
    return tokens.revokeAllOf(userId);
  }

  /**
   * Ends every session of the user and forgets them (an erased user); tells how many there were.
   */
  public int forget(UUID userId) {
    return tokens.deleteAllOf(userId);
  }

  /**
   * Ends every session of the user but the one {@code keptRefreshToken} belongs to (when it is the
   * user's); without one, every session. Runs in the caller's transaction.
   */
  public int endOtherSessions(UUID userId, @Nullable String keptRefreshToken) {
    UUID keptFamily =
        keptRefreshToken == null
            ? null
            : tokens
                .findForUpdate(hash(keptRefreshToken))
                .filter(token -> token.userId().equals(userId) && token.revokedAt() == null)
                .map(RefreshTokenRepository.StoredToken::familyId)
                .orElse(null);
    return keptFamily == null
        ? tokens.revokeAllOf(userId)
        : tokens.revokeAllOfExcept(userId, keptFamily);
  }

  private sealed interface Outcome {
    record Refreshed(SessionTokens tokens) implements Outcome {}

    record Rejected(String reason) implements Outcome {}
  }

  private Outcome rotate(byte[] hash) {
    RefreshTokenRepository.StoredToken token = tokens.findForUpdate(hash).orElse(null);
    if (token == null || token.revokedAt() != null) {
      return new Outcome.Rejected("Refresh token is invalid or revoked");
    }
    if (token.usedAt() != null) {
      int revoked = tokens.revokeFamily(token.familyId());
      log.warn(
          "refresh.reuse_detected userId={} familyId={} revokedTokens={}",
          token.userId(),
          token.familyId(),
          revoked);
      return new Outcome.Rejected(
          "Refresh token was already used; every session it belongs to is revoked");
    }
    Instant now = clock.instant();
    if (!token.expiresAt().isAfter(now)) {
      return new Outcome.Rejected("Refresh token has expired");
    }
    Account account = accounts.find(token.userId()).orElse(null);
    if (account == null) {
      return new Outcome.Rejected("Refresh token is invalid or revoked");
    }
    tokens.markUsed(hash);
    return new Outcome.Refreshed(issue(account, token.familyId(), token.familyExpiresAt(), now));
  }

  private SessionTokens issue(
      Account account, UUID familyId, Instant familyExpiresAt, Instant now) {
    String refreshToken = SecretTokens.newToken();
    Instant expiresAt = now.plus(properties.refreshTokenTtl());
    tokens.insert(
        hash(refreshToken),
        familyId,
        account.id(),
        expiresAt.isBefore(familyExpiresAt) ? expiresAt : familyExpiresAt,
        familyExpiresAt);
    AccessTokens.Issued access = accessTokens.issue(account.id(), account.email(), account.role());
    return SessionTokens.bearer(access.token(), refreshToken, access.expiresIn());
  }

  static byte[] hash(String refreshToken) {
    return SecretTokens.hash(refreshToken);
  }
}
