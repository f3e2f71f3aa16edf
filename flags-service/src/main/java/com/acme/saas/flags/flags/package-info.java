/** Managing flags (admins): definitions, per-user overrides and their audit trail. */
@NullMarked
package com.acme.saas.flags.flags;

import org.jspecify.annotations.NullMarked;
