@NullMarked
package com.acme.saas.auth.login;

import org.jspecify.annotations.NullMarked;
