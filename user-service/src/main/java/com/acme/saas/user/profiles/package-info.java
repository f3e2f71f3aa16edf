/**
 * Profiles: created from UserRegistered, each user's own view and name, its plan and verified
 * address.
 */
@NullMarked
package com.acme.saas.user.profiles;

import org.jspecify.annotations.NullMarked;
