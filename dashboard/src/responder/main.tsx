import { render } from 'preact';
// base.css first: every other sheet (the page's own and the components') builds on it
import '../styles/base.css';
import { ResponderApp } from './ResponderApp.js';
import '../styles/responder.css';

render(<ResponderApp />, document.getElementById('app')!);
