@NullMarked
package com.acme.saas.auth.mail;

import org.jspecify.annotations.NullMarked;
